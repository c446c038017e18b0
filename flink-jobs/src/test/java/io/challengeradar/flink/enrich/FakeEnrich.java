package io.challengeradar.flink.enrich;

import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.client.ServingClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in serving tier for the enrichment operators' harness tests (the ITs use the real one):
 * it keeps every call it gets, and the test answers, fails or leaves each one unanswered. Each
 * answered post gets the caption vector {@link #EMBEDDING}.
 */
final class FakeEnrich implements EnrichCalls, EnrichCalls.Factory {
  private static final long serialVersionUID = 1L;

  static final float[] EMBEDDING = {0.6f, 0.8f};
  static final String ENCODER = "minilm/1";

  /** One call an operator made: its posts' ids, and the future the test completes. */
  record Call(List<String> videoIds, List<Wire.EnrichPost> posts,
      CompletableFuture<Wire.EnrichResponse> future) {
    void answer() {
      future.complete(answerFor(videoIds));
    }

    void fail() {
      future.completeExceptionally(
          new ServingClientException(503, null, "http://serving:8081: overloaded", null));
    }
  }

  /** Calls in the order they came; the harness runs the operator in this JVM, on this object. */
  final transient List<Call> calls = new ArrayList<>();
  /** When set, a call is refused before it is sent, as the client refuses a bad request. */
  boolean refuse;
  boolean closed;

  @Override
  public EnrichCalls open() {
    return this;
  }

  @Override
  public CompletableFuture<Wire.EnrichResponse> enrich(List<Wire.EnrichPost> posts) {
    if (refuse) {
      throw new IllegalArgumentException("posts: refused");
    }
    Call call = new Call(posts.stream().map(Wire.EnrichPost::videoId).toList(), List.copyOf(posts),
        new CompletableFuture<>());
    calls.add(call);
    return call.future();
  }

  Call onlyCall() {
    if (calls.size() != 1) {
      throw new AssertionError("expected one call, got " + calls.size());
    }
    return calls.get(0);
  }

  Call lastCall() {
    return calls.get(calls.size() - 1);
  }

  static Wire.EnrichResponse answerFor(List<String> videoIds) {
    List<Wire.EnrichedPost> posts = new ArrayList<>();
    for (String id : videoIds) {
      posts.add(new Wire.EnrichedPost(id, EMBEDDING.clone(), 0.3f, 0.1f));
    }
    return new Wire.EnrichResponse(ENCODER, "virality/1", 2.0, "claims/1", posts, List.of());
  }

  @Override
  public void close() {
    closed = true;
  }
}
