package io.challengeradar.flink.intel;

import io.challengeradar.serving.client.ServingClientException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in serving tier for operator harness tests (the ITs use the real one): description
 * {@code i} embeds to {@code axis(i)}, and a user joins a challenge with probability
 * {@code (1 + cosine) / 2}. It can be down, answering like an unreachable server.
 */
final class FakeServing implements ServingCalls, ServingCalls.Factory {
  private static final long serialVersionUID = 1L;

  boolean down;
  int embedCalls;
  int scoreCalls;
  int lastScoredUsers;

  @Override
  public ServingCalls open() {
    return this;
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    embedCalls++;
    failIfDown();
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      out.add(Vectors384.axis(i));
    }
    return out;
  }

  @Override
  public Scores participation(float[] challenge, List<float[]> users) {
    scoreCalls++;
    lastScoredUsers = users.size();
    failIfDown();
    List<Float> p = new ArrayList<>();
    for (float[] u : users) {
      p.add((float) ((1 + Embeddings.cosine(u, challenge)) / 2));
    }
    return new Scores("participation", "1", p);
  }

  private void failIfDown() {
    if (down) {
      throw new ServingClientException(0, null, "http://serving:8081: no answer", null);
    }
  }

  @Override
  public void close() {}
}
