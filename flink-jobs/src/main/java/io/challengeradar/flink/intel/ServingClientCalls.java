package io.challengeradar.flink.intel;

import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.wire.Wire;
import java.util.ArrayList;
import java.util.List;

/** {@link ServingCalls} over HTTP with the serving tier's own client. */
public final class ServingClientCalls implements ServingCalls {
  private final ServingClient client;

  private ServingClientCalls(ServingClient client) {
    this.client = client;
  }

  public static Factory factory(ClientOptions options) {
    return () -> new ServingClientCalls(new ServingClient(options));
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    return client.embedCaptions(texts);
  }

  @Override
  public Scores participation(float[] challenge, List<float[]> users) {
    List<Wire.Pair> pairs = new ArrayList<>(users.size());
    for (float[] user : users) {
      pairs.add(new Wire.Pair(user, null, challenge, null));
    }
    Wire.ScoreResponse r = client.scoreParticipation(pairs);
    return new Scores(r.model(), r.version(), r.probabilities());
  }

  @Override
  public void close() {
    client.close();
  }
}
