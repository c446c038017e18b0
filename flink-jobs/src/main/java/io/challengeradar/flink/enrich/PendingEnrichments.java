package io.challengeradar.flink.enrich;

import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.model.SourcedEventSerializer;
import io.challengeradar.flink.ops.DeadLetters;
import io.challengeradar.flink.ops.ReasonCounters;
import io.challengeradar.serving.wire.Wire;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Passes answers on and retries pending posts until the serving tier answers (keyed by videoId).
 *
 * <p>A pending post is kept in state and retried after a doubling, jittered wait ({@code
 * enrichment.retry.*}), at most {@code max-attempts} times; then it is given up: it stays {@code
 * pendingEnrichment=true} in Elasticsearch for {@code radar reenrich}, and a dead letter (stage
 * {@code enrichment}, the last failure as its reason, the number of calls) says so. A retry never blocks the
 * task thread: the call is sent asynchronously and a processing-time timer of the same key polls
 * its future every {@link #POLL_MILLIS} ms, so every state change happens in the key's own context.
 * Calls in flight live only in memory: after a restore the key's timer fires again and sends a
 * new call, and VideoJoin ignores a second answer for the same video.
 *
 * <p>Counts (Flink counters under {@code enrichment}, and accumulators of the same names): {@code
 * enriched} answers emitted (first try or after waiting), {@code pending} posts that had to wait,
 * {@code retried} retry calls, {@code gave-up} posts left for {@code radar reenrich}.
 */
public final class PendingEnrichments extends KeyedProcessFunction<String, EnrichAttempt, Enrichment> {
  private static final long serialVersionUID = 1L;

  public static final String POST_STATE = "pending-post";
  public static final String ATTEMPTS_STATE = "attempts";
  public static final String HISTORY_STATE = "pending-author-history";
  /** How often a retry in flight is looked at; bounds the latency an answer adds. */
  static final long POLL_MILLIS = 50;

  public static final String ENRICHED = "enrichment-enriched";
  public static final String PENDING = "enrichment-pending";
  public static final String RETRIED = "enrichment-retried";
  public static final String GAVE_UP = "enrichment-gave-up";

  private final EnrichmentOptions options;
  private final Duration stateTtl;
  private final EnrichCalls.Factory calls;

  private transient ValueState<SourcedEvent> post;
  private transient ValueState<Integer> attempts;
  /** The author's history the post was first sent with: a retry sends the same. */
  private transient ValueState<Wire.AuthorHistory> history;
  private transient EnrichCalls serving;
  private transient Map<String, CompletableFuture<Wire.EnrichResponse>> inFlight;
  private transient ReasonCounters counters;
  private transient Map<String, LongCounter> totals;

  public PendingEnrichments(EnrichmentOptions options, Duration stateTtl) {
    this(options, stateTtl, EnrichCalls.client(EnrichPosts.clientOptions(options)));
  }

  /** @param calls the serving tier's enrich call, one post per retry */
  PendingEnrichments(EnrichmentOptions options, Duration stateTtl, EnrichCalls.Factory calls) {
    this.options = options;
    this.stateTtl = stateTtl;
    this.calls = calls;
  }

  @Override
  public void open(OpenContext ctx) {
    StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
    ValueStateDescriptor<SourcedEvent> postDesc =
        new ValueStateDescriptor<>(POST_STATE, SourcedEventSerializer.INSTANCE);
    postDesc.enableTimeToLive(ttl);
    ValueStateDescriptor<Integer> attemptsDesc = new ValueStateDescriptor<>(ATTEMPTS_STATE, Types.INT);
    attemptsDesc.enableTimeToLive(ttl);
    ValueStateDescriptor<Wire.AuthorHistory> historyDesc =
        new ValueStateDescriptor<>(HISTORY_STATE, TypeInformation.of(Wire.AuthorHistory.class));
    historyDesc.enableTimeToLive(ttl);
    history = getRuntimeContext().getState(historyDesc);
    post = getRuntimeContext().getState(postDesc);
    attempts = getRuntimeContext().getState(attemptsDesc);
    serving = calls.open();
    inFlight = new HashMap<>();
    counters = new ReasonCounters(getRuntimeContext().getMetricGroup(), "enrichment");
    totals = new HashMap<>();
    for (String name : List.of(ENRICHED, PENDING, RETRIED, GAVE_UP)) {
      LongCounter c = new LongCounter();
      getRuntimeContext().addAccumulator(name, c);
      totals.put(name, c);
    }
  }

  @Override
  public void close() {
    if (serving != null) {
      serving.close();
    }
  }

  @Override
  public void processElement(EnrichAttempt in, Context ctx, Collector<Enrichment> out)
      throws Exception {
    if (!in.result().pending()) {
      count(ENRICHED);
      out.collect(in.result());
      return;
    }
    if (post.value() != null) {
      return;
    }
    count(PENDING);
    out.collect(in.result());
    post.update(in.post());
    if (in.authorHistory() != null) {
      history.update(in.authorHistory());
    }
    attempts.update(0);
    later(ctx, backoff(ctx.getCurrentKey(), 1));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Enrichment> out)
      throws Exception {
    String id = ctx.getCurrentKey();
    SourcedEvent waiting = post.value();
    if (waiting == null) {
      return;
    }
    Post p = (Post) waiting.event();
    CompletableFuture<Wire.EnrichResponse> call = inFlight.get(id);
    if (call == null) {
      if (inFlight.size() >= options.retryMaxInFlight()) {
        later(ctx, options.retryInitialBackoff().toMillis());
        return;
      }
      attempts.update(attempts.value() + 1);
      count(RETRIED);
      inFlight.put(id, send(p));
      later(ctx, POLL_MILLIS);
      return;
    }
    if (!call.isDone()) {
      later(ctx, POLL_MILLIS);
      return;
    }
    inFlight.remove(id);
    Enrichment answer = null;
    Throwable failure = null;
    try {
      Wire.EnrichResponse response = call.join();
      try {
        answer = EnrichmentWire.answer(p, response, 0, Instant.now());
      } catch (RuntimeException unfit) {
        failure = new EnrichmentGiveUp.BadAnswer(unfit);
      }
    } catch (RuntimeException failed) {
      // Still down, slow or shedding load: wait longer, up to the cap.
      failure = failed;
    }
    if (answer != null) {
      count(ENRICHED);
      out.collect(answer);
      clear();
    } else if (attempts.value() >= options.retryMaxAttempts()) {
      count(GAVE_UP);
      // The first call (EnrichPosts) and every retry.
      ctx.output(DeadLetters.TAG, EnrichmentGiveUp.of(waiting, attempts.value() + 1, failure));
      clear();
    } else {
      later(ctx, backoff(id, attempts.value() + 1));
    }
  }

  /** A retry call; one the client refuses to send is a failed call like any other. */
  private CompletableFuture<Wire.EnrichResponse> send(Post p) throws IOException {
    try {
      return serving.enrich(List.of(EnrichmentWire.request(p, history.value())))
          .orTimeout(options.timeout().toMillis() + POLL_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
  }

  private long backoff(String videoId, int attempt) {
    // Jitter from the key and attempt: spread like random, but the same on every run.
    int h = videoId.hashCode() * 31 + attempt;
    return options.backoffMillis(attempt, ((h ^ (h >>> 16)) & 0xffff) / 65536.0);
  }

  private void later(Context ctx, long millis) {
    ctx.timerService().registerProcessingTimeTimer(
        ctx.timerService().currentProcessingTime() + millis);
  }

  private void clear() {
    post.clear();
    attempts.clear();
    history.clear();
  }

  private void count(String name) {
    counters.inc(name.substring("enrichment-".length()));
    totals.get(name).add(1);
  }
}
