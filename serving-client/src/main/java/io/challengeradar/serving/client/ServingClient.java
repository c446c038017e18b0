package io.challengeradar.serving.client;

import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.wire.WireJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The Java client for the serving tier, for Flink jobs and tools. Thread-safe; one per process (or
 * per task manager) shares a pool of keep-alive connections. Large calls are split into batches
 * of {@link ClientOptions#maxBatch()}. The blocking and the asynchronous calls retry alike, by one
 * {@link RetryPolicy}: 429 and 503 answers and unreachable servers a bounded number of times, with
 * doubling, jittered waits that honour Retry-After; bad input and unreadable answers never.
 */
public final class ServingClient implements AutoCloseable {

  private final ClientOptions options;
  private final HttpClient http;
  private final RetryPolicy policy;
  private final LongAdder retries = new LongAdder();

  public ServingClient(ClientOptions options) {
    this.options = options;
    this.policy = new RetryPolicy(options);
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.connectTimeout())
            .build();
  }

  /** One 384-d vector per caption, in order. */
  public List<float[]> embedCaptions(List<String> captions) {
    return embed(captions.stream().map(Wire.Video::caption).toList()).vectors();
  }

  /**
   * Embeds the videos, splitting them into batches; the answer is the batches' answers joined in
   * order (note indices refer to the whole list).
   */
  public Wire.EmbedResponse embed(List<Wire.Video> videos) {
    List<float[]> vectors = new ArrayList<>(videos.size());
    List<Wire.Note> notes = new ArrayList<>();
    List<float[]> visual = new ArrayList<>(videos.size());
    Wire.EmbedResponse last = null;
    Wire.VisualVectors lastVisual = null;
    for (int from = 0; from < videos.size(); from += options.maxBatch()) {
      List<Wire.Video> chunk = videos.subList(from, Math.min(videos.size(), from + options.maxBatch()));
      last = post("/v1/embed", new Wire.EmbedRequest(null, chunk), Wire.EmbedResponse.class);
      vectors.addAll(last.vectors());
      for (Wire.Note n : last.notes()) {
        notes.add(new Wire.Note(n.index() + from, n.field(), n.message()));
      }
      if (last.visual() != null) {
        lastVisual = last.visual();
        visual.addAll(last.visual().vectors());
      } else {
        chunk.forEach(v -> visual.add(null));
      }
    }
    if (last == null) {
      return new Wire.EmbedResponse(null, null, 0, List.of(), List.of(), null);
    }
    Wire.VisualVectors joined =
        lastVisual == null
            ? null
            : new Wire.VisualVectors(
                lastVisual.model(), lastVisual.version(), lastVisual.dimension(), visual);
    return new Wire.EmbedResponse(last.model(), last.version(), last.dimension(), vectors, notes, joined);
  }

  /** The probability that each user joins the paired challenge, in order. */
  public List<Float> participation(List<Wire.Pair> pairs) {
    return scoreParticipation(pairs).probabilities();
  }

  /**
   * The probability that each user joins the paired challenge, in order, with the model and
   * version that scored them (those of the last batch: callers that record the version per score
   * keep calls small enough for one batch, or accept that a reload between batches is named by
   * the newer version).
   */
  public Wire.ScoreResponse scoreParticipation(List<Wire.Pair> pairs) {
    List<Float> probabilities = new ArrayList<>(pairs.size());
    Wire.ScoreResponse last = null;
    for (int from = 0; from < pairs.size(); from += options.maxBatch()) {
      List<Wire.Pair> chunk = pairs.subList(from, Math.min(pairs.size(), from + options.maxBatch()));
      last = post("/v1/score/participation", new Wire.ParticipationRequest(null, chunk),
          Wire.ScoreResponse.class);
      probabilities.addAll(last.probabilities());
    }
    return last == null
        ? new Wire.ScoreResponse(null, null, List.of())
        : new Wire.ScoreResponse(last.model(), last.version(), probabilities);
  }

  /** The probability that each video goes viral, in order. */
  public List<Float> virality(List<float[]> videoVectors) {
    return batched(videoVectors, chunk -> post("/v1/score/virality",
        new Wire.ViralityRequest(null, chunk.stream().map(Wire.VideoVector::new).toList()),
        Wire.ScoreResponse.class).probabilities());
  }

  /**
   * Embedding, virality and claim probability of each post, split into batches; the answer is the
   * batches' answers joined in order (note indices refer to the whole list).
   */
  public Wire.EnrichResponse enrich(List<Wire.EnrichPost> posts) {
    List<Wire.EnrichResponse> parts = new ArrayList<>();
    for (int from = 0; from < posts.size(); from += options.maxBatch()) {
      parts.add(post("/v1/enrich",
          new Wire.EnrichRequest(posts.subList(from, Math.min(posts.size(), from + options.maxBatch()))),
          Wire.EnrichResponse.class));
    }
    return joined(parts);
  }

  /**
   * {@link #enrich} without blocking the caller: one HTTP call for at most {@link
   * ClientOptions#maxBatch()} posts, retried like the blocking calls (the waits are scheduled, no
   * thread sleeps). The future fails with {@link ServingClientException}.
   *
   * @throws IllegalArgumentException more posts than one batch holds
   */
  public CompletableFuture<Wire.EnrichResponse> enrichAsync(List<Wire.EnrichPost> posts) {
    if (posts.isEmpty() || posts.size() > options.maxBatch()) {
      throw new IllegalArgumentException(
          "posts: 1 to " + options.maxBatch() + " per asynchronous call, got " + posts.size());
    }
    HttpRequest request = newRequest("/v1/enrich")
        .header("Content-Type", "application/json")
        .timeout(options.requestTimeout())
        .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(new Wire.EnrichRequest(posts))))
        .build();
    return sendAsync(request, Wire.EnrichResponse.class, 0);
  }

  public List<Wire.ModelInfo> models() {
    return send(newRequest("/v1/models").GET(), Wire.ModelsResponse.class).models();
  }

  /** Whether the server answers ready (all models loaded); false when it cannot be reached. */
  public boolean ready() {
    try {
      HttpResponse<Void> r =
          http.send(
              newRequest("/health/ready").timeout(options.requestTimeout()).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Retries made so far, for the caller's metrics. */
  public long retries() {
    return retries.sum();
  }

  private <T, R> List<R> batched(List<T> items, Function<List<T>, List<R>> call) {
    List<R> out = new ArrayList<>(items.size());
    for (int from = 0; from < items.size(); from += options.maxBatch()) {
      out.addAll(call.apply(items.subList(from, Math.min(items.size(), from + options.maxBatch()))));
    }
    return out;
  }

  /** A request to {@code path}, with the bearer token when the options carry one. */
  private HttpRequest.Builder newRequest(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (options.token() != null) {
      b.header("Authorization", "Bearer " + options.token());
    }
    return b;
  }

  private <T> T post(String path, Object body, Class<T> type) {
    return send(
        newRequest(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(WireJson.write(body))),
        type);
  }

  private <T> T send(HttpRequest.Builder builder, Class<T> type) {
    HttpRequest request = builder.timeout(options.requestTimeout()).build();
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> response = null;
      IOException noAnswer = null;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        noAnswer = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServingClientException(0, null, "interrupted calling " + request.uri(), e);
      }
      RetryPolicy.Outcome<T> outcome = policy.outcome(request.uri(), response, noAnswer, type);
      if (outcome instanceof RetryPolicy.Answer<T> answer) {
        return answer.value();
      }
      RetryPolicy.Failure<T> failure = (RetryPolicy.Failure<T>) outcome;
      OptionalLong wait = policy.retryAfter(failure, attempt);
      if (wait.isEmpty()) {
        throw failure.error();
      }
      retries.increment();
      pause(wait.getAsLong());
    }
  }

  private <T> CompletableFuture<T> sendAsync(HttpRequest request, Class<T> type, int attempt) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> {
          RetryPolicy.Outcome<T> outcome =
              policy.outcome(request.uri(), response, cause(error), type);
          if (outcome instanceof RetryPolicy.Answer<T> answer) {
            return CompletableFuture.completedFuture(answer.value());
          }
          RetryPolicy.Failure<T> failure = (RetryPolicy.Failure<T>) outcome;
          OptionalLong wait = policy.retryAfter(failure, attempt);
          if (wait.isEmpty()) {
            return CompletableFuture.<T>failedFuture(failure.error());
          }
          retries.increment();
          Executor later =
              CompletableFuture.delayedExecutor(wait.getAsLong(), TimeUnit.MILLISECONDS);
          return CompletableFuture.supplyAsync(() -> null, later)
              .thenCompose(ignored -> sendAsync(request, type, attempt + 1));
        })
        .thenCompose(f -> f);
  }

  /** The transport's own error inside the future's wrapper; null when there was none. */
  private static Throwable cause(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  private static Wire.EnrichResponse joined(List<Wire.EnrichResponse> parts) {
    if (parts.isEmpty()) {
      return new Wire.EnrichResponse(null, null, null, null, List.of(), List.of());
    }
    List<Wire.EnrichedPost> posts = new ArrayList<>();
    List<Wire.Note> notes = new ArrayList<>();
    for (Wire.EnrichResponse p : parts) {
      int from = posts.size();
      if (p.notes() != null) {
        p.notes().forEach(n -> notes.add(new Wire.Note(n.index() + from, n.field(), n.message())));
      }
      posts.addAll(p.posts());
    }
    // The models of the last batch: a version switch mid-call is rare, and the newest wins.
    Wire.EnrichResponse last = parts.get(parts.size() - 1);
    return new Wire.EnrichResponse(last.embeddingModel(), last.viralityModel(),
        last.viralityRatioCut(), last.claimsModel(), posts, notes);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServingClientException(0, null, "interrupted while backing off", e);
    }
  }

  private URI uri(String path) {
    return options.baseUri().resolve(path);
  }

  @Override
  public void close() {
    // java.net.http.HttpClient frees its pool when unreachable (close() arrives in Java 21).
  }
}
