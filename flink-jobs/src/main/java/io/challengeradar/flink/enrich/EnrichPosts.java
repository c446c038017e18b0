package io.challengeradar.flink.enrich;

import io.challengeradar.config.Secret;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.AuthoredPost;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.wire.Wire;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * The first attempt to enrich a new post: posts are gathered into one non-blocking call to the
 * serving tier's {@code /v1/enrich} of at most {@code enrichment.batch.size} posts, sent when it is
 * full or {@code enrichment.batch.delay} after its first post. Whatever goes wrong (no answer,
 * 429, 503, the timeout) completes every post of the call as pending at once, so a slow or absent
 * serving tier never holds the stream up for longer than {@code enrichment.timeout} plus the
 * delay; {@link PendingEnrichments} retries, one post per call.
 *
 * <p>Why gather: one post per call spends the serving tier's CPU on HTTP and JSON per post, the
 * same CPU the encoder, the job and Elasticsearch share. Why this is watermark- and
 * checkpoint-safe: a gathered post is in flight as far as Flink's async operator knows (its
 * future is not complete), so a watermark behind it waits at most the delay, and a checkpoint
 * stores it and re-sends it after a restore.
 */
public final class EnrichPosts extends RichAsyncFunction<AuthoredPost, EnrichAttempt> {
  private static final long serialVersionUID = 1L;

  private final EnrichCalls.Factory calls;
  private final SerializableSupplier<ScheduledExecutorService> timers;
  private final int batchSize;
  private final long batchDelayMillis;
  private transient EnrichCalls serving;
  private transient ScheduledExecutorService timer;
  /** Guards {@link #gathering} and {@link #flushLater}: the task thread adds, the timer sends. */
  private transient Object lock;
  private transient List<Gathered> gathering;
  private transient ScheduledFuture<?> flushLater;

  private record Gathered(Post post, AuthoredPost in, ResultFuture<EnrichAttempt> result) {}

  public EnrichPosts(EnrichmentOptions options) {
    // No retries inside the call: a retry would hold an async slot; the keyed retrier waits
    // without holding anything.
    this(options, EnrichCalls.client(clientOptions(options).withMaxRetries(0)
        .withMaxBatch(options.batchSize())), EnrichPosts::batchTimer);
  }

  /**
   * @param calls the serving tier's enrich call
   * @param timers the scheduler that sends a batch that is not full once its delay is up
   */
  EnrichPosts(EnrichmentOptions options, EnrichCalls.Factory calls,
      SerializableSupplier<ScheduledExecutorService> timers) {
    this.calls = calls;
    this.timers = timers;
    this.batchSize = options.batchSize();
    this.batchDelayMillis = options.batchDelay().toMillis();
  }

  private static ScheduledExecutorService batchTimer() {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "enrich-batch-timer");
      t.setDaemon(true);
      return t;
    });
  }

  static ClientOptions clientOptions(EnrichmentOptions options) {
    ClientOptions d = ClientOptions.of(options.servingUrl());
    return new ClientOptions(options.servingUrl(), d.connectTimeout(), options.timeout(),
        0, d.initialBackoff(), d.maxBackoff(), d.maxBatch(),
        Secret.valueOf(options.servingToken()));
  }

  @Override
  public void open(OpenContext ctx) {
    serving = calls.open();
    lock = new Object();
    gathering = new ArrayList<>(batchSize);
    timer = timers.get();
  }

  @Override
  public void close() throws Exception {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (serving != null) {
      serving.close();
    }
  }

  @Override
  public void asyncInvoke(AuthoredPost in, ResultFuture<EnrichAttempt> result) {
    List<Gathered> full = null;
    synchronized (lock) {
      gathering.add(new Gathered((Post) in.post().event(), in, result));
      if (gathering.size() >= batchSize) {
        full = takeGathered();
      } else if (flushLater == null) {
        flushLater = timer.schedule(this::flushDue, batchDelayMillis, TimeUnit.MILLISECONDS);
      }
    }
    if (full != null) {
      send(full);
    }
  }

  private void flushDue() {
    List<Gathered> due;
    synchronized (lock) {
      flushLater = null;
      due = takeGathered();
    }
    if (!due.isEmpty()) {
      send(due);
    }
  }

  /** Called with the lock held. */
  private List<Gathered> takeGathered() {
    if (flushLater != null) {
      flushLater.cancel(false);
      flushLater = null;
    }
    List<Gathered> taken = gathering;
    gathering = new ArrayList<>(batchSize);
    return taken;
  }

  private void send(List<Gathered> call) {
    List<Wire.EnrichPost> posts = new ArrayList<>(call.size());
    for (Gathered g : call) {
      posts.add(EnrichmentWire.request(g.post(), g.in().authorHistory()));
    }
    CompletableFuture<Wire.EnrichResponse> answered;
    try {
      answered = serving.enrich(posts);
    } catch (RuntimeException refused) {
      answered = CompletableFuture.failedFuture(refused);
    }
    answered.whenComplete((answer, error) -> {
      Instant at = Instant.now();
      for (int i = 0; i < call.size(); i++) {
        Gathered g = call.get(i);
        g.result().complete(List.of(attempt(g, error == null ? answer : null, i, at)));
      }
    });
  }

  private static EnrichAttempt attempt(Gathered g, Wire.EnrichResponse answer, int i, Instant at) {
    AuthoredPost in = g.in();
    if (answer == null) {
      return new EnrichAttempt(in.post(), in.authorHistory(), EnrichmentWire.pending(g.post()));
    }
    try {
      return new EnrichAttempt(in.post(), in.authorHistory(),
          EnrichmentWire.answer(g.post(), answer, i, at));
    } catch (RuntimeException unexpected) {
      // An answer that does not fit the question: retried like any failure, never fatal.
      return new EnrichAttempt(in.post(), in.authorHistory(), EnrichmentWire.pending(g.post()));
    }
  }

  /** Flink's own deadline (slightly after the HTTP one): the post goes on, pending. */
  @Override
  public void timeout(AuthoredPost in, ResultFuture<EnrichAttempt> result) {
    result.complete(List.of(new EnrichAttempt(in.post(), in.authorHistory(),
        EnrichmentWire.pending((Post) in.post().event()))));
  }
}
