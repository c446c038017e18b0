package io.challengeradar.flink.intel;

import java.io.Serializable;
import java.util.List;

/**
 * What the intelligence operators ask of the serving tier. Failures are {@link
 * io.challengeradar.serving.client.ServingClientException}s, retryable or not; the operators
 * never let them fail the job.
 */
public interface ServingCalls extends AutoCloseable {

  /** Participation probabilities, in the order of the users, and the model that gave them. */
  record Scores(String model, String version, List<Float> probabilities) {}

  /** One caption vector per text, in order. */
  List<float[]> embed(List<String> texts);

  /** The probability that each user joins the challenge. */
  Scores participation(float[] challenge, List<float[]> users);

  @Override
  void close();

  /** Opens the calls on a task manager: operators carry the factory, not the connection. */
  @FunctionalInterface
  interface Factory extends Serializable {
    ServingCalls open();
  }
}
