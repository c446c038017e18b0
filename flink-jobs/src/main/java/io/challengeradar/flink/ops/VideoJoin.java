package io.challengeradar.flink.ops;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.model.SourcedEventSerializer;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoSignals;
import io.challengeradar.flink.model.VideoUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins each video's post with its engagement snapshots (input 1) and with what the serving tier
 * said about it (input 2, {@link Enrichment}), keyed by videoId.
 *
 * <p>The first post of a video is kept; later copies are dead-lettered as duplicates. Snapshots
 * that arrive before their post wait in a buffer of at most {@code join.max-early-snapshots}
 * entries; if the post has not come {@code join.orphan-timeout} (event time) after the first of
 * them, they are dead-lettered as orphans. Every applied event emits the video's new document.
 * The video and an early enrichment also expire after {@code state.ttl} without writes; the
 * waiting snapshots and their timer do not: the TTL runs on processing time, so a watermark that
 * stalls longer than it would let the TTL drop them silently and the orphan timer would then find
 * nothing to dead-letter. Their bound is the orphan timer, which always clears them.
 *
 * <p>With enrichment on, a document is {@code pendingEnrichment=true} until the first real answer
 * for its video arrives; that answer is one more applied event (version + 1) and re-emits the
 * document, and every later document carries it. Pending answers change nothing (the document is
 * pending already); answers after the first, from duplicate posts or a replay after a restore,
 * are ignored, so each video is enriched exactly once. An answer that overtakes its post (the
 * two travel different paths) waits in state for it.
 */
public final class VideoJoin
    extends KeyedCoProcessFunction<String, SourcedEvent, Enrichment, VideoUpdate> {
  private static final long serialVersionUID = 1L;

  public static final String VIDEO_STATE = "video";
  public static final String EARLY_STATE = "early-snapshots";
  public static final String ORPHAN_TIMER_STATE = "orphan-timer";
  public static final String EARLY_ENRICHMENT_STATE = "early-enrichment";

  private static final Comparator<SourcedEvent> BY_EVENT_TIME =
      Comparator.comparing(e -> e.event().eventTime());

  private final int maxEarlySnapshots;
  private final long orphanTimeoutMillis;
  private final Duration stateTtl;
  private final boolean enrich;

  private transient ValueState<VideoDocument> video;
  private transient ValueState<Enrichment> earlyEnrichment;
  private transient ListState<SourcedEvent> early;
  private transient ValueState<Long> orphanTimer;
  private transient ReasonCounters outcomes;

  public VideoJoin(PipelineOptions options) {
    this.maxEarlySnapshots = options.maxEarlySnapshots();
    this.orphanTimeoutMillis = options.orphanTimeout().toMillis();
    this.stateTtl = options.stateTtl();
    this.enrich = options.enrichment().enabled();
  }

  @Override
  public void open(OpenContext ctx) {
    StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
    ValueStateDescriptor<VideoDocument> videoDesc =
        new ValueStateDescriptor<>(VIDEO_STATE, TypeInformation.of(VideoDocument.class));
    videoDesc.enableTimeToLive(ttl);
    // No TTL on the waiting snapshots and their timer (see the class comment).
    ListStateDescriptor<SourcedEvent> earlyDesc =
        new ListStateDescriptor<>(EARLY_STATE, SourcedEventSerializer.INSTANCE);
    ValueStateDescriptor<Long> timerDesc = new ValueStateDescriptor<>(ORPHAN_TIMER_STATE,
        Types.LONG);
    ValueStateDescriptor<Enrichment> enrichmentDesc =
        new ValueStateDescriptor<>(EARLY_ENRICHMENT_STATE, TypeInformation.of(Enrichment.class));
    enrichmentDesc.enableTimeToLive(ttl);
    video = getRuntimeContext().getState(videoDesc);
    earlyEnrichment = getRuntimeContext().getState(enrichmentDesc);
    early = getRuntimeContext().getListState(earlyDesc);
    orphanTimer = getRuntimeContext().getState(timerDesc);
    outcomes = new ReasonCounters(getRuntimeContext().getMetricGroup(), "join");
  }

  @Override
  public void processElement1(SourcedEvent in, Context ctx, Collector<VideoUpdate> out)
      throws Exception {
    if (in.event() instanceof Post post) {
      onPost(in, post, ctx, out);
      return;
    }
    // Read once and handed on: each access of a state with a TTL also costs a cleanup step.
    VideoDocument doc = video.value();
    if (doc == null) {
      buffer(in, ctx);
    } else {
      apply(in, doc, ctx, out);
    }
  }

  private void onPost(SourcedEvent in, Post post, Context ctx, Collector<VideoUpdate> out)
      throws Exception {
    if (video.value() != null) {
      refuse(in, ctx, DeadLetter.REASON_DUPLICATE,
          "a post for video " + post.videoId() + " was already received");
      return;
    }
    VideoDocument doc =
        VideoFeatures.ofPost(post, enrich ? VideoSignals.PENDING : VideoSignals.NONE);
    video.update(doc);
    outcomes.inc("post");
    out.collect(new VideoUpdate(doc, VideoUpdate.NEW_POST, 0, post.createdAt()));
    // Without enrichment the state is always empty: not reading it saves a TTL cleanup step,
    // which on a nearly empty state walks the empty buckets of every key group.
    Enrichment answer = enrich ? earlyEnrichment.value() : null;
    if (answer != null) {
      earlyEnrichment.clear();
      applyEnrichment(answer, out);
      doc = video.value();
    }

    List<SourcedEvent> waiting = new ArrayList<>();
    for (SourcedEvent e : early.get()) {
      waiting.add(e);
    }
    if (!waiting.isEmpty()) {
      waiting.sort(BY_EVENT_TIME);
      for (SourcedEvent e : waiting) {
        doc = apply(e, doc, ctx, out);
      }
      early.clear();
    }
    Long timer = orphanTimer.value();
    if (timer != null) {
      ctx.timerService().deleteEventTimeTimer(timer);
      orphanTimer.clear();
    }
  }

  private void buffer(SourcedEvent in, Context ctx) throws Exception {
    int buffered = 0;
    for (SourcedEvent ignored : early.get()) {
      buffered++;
    }
    if (buffered >= maxEarlySnapshots) {
      refuse(in, ctx, DeadLetter.REASON_EARLY_BUFFER_FULL,
          buffered + " snapshots of video " + in.event().videoId()
              + " are already waiting for its post");
      return;
    }
    early.add(in);
    outcomes.inc("buffered");
    if (orphanTimer.value() == null) {
      long at = in.timestampMillis() + orphanTimeoutMillis;
      ctx.timerService().registerEventTimeTimer(at);
      orphanTimer.update(at);
    }
  }

  /** Applies one snapshot to the video's document {@code doc}; returns the document now in state. */
  private VideoDocument apply(SourcedEvent in, VideoDocument doc, Context ctx,
      Collector<VideoUpdate> out) throws Exception {
    EngagementSnapshot s = (EngagementSnapshot) in.event();
    Instant postedAt = doc.post().createdAt();
    if (s.observedAt().isBefore(postedAt)) {
      refuse(in, ctx, DeadLetter.REASON_SNAPSHOT_BEFORE_POST,
          "observed at " + s.observedAt() + ", before the video was posted at " + postedAt);
      return doc;
    }
    VideoUpdate update;
    Instant latest = doc.engagement().observedAt();
    if (latest != null && s.observedAt().equals(latest)) {
      refuse(in, ctx, DeadLetter.REASON_DUPLICATE,
          "a snapshot of video " + s.videoId() + " at " + s.observedAt() + " was already applied");
      return doc;
    } else if (latest != null && s.observedAt().isBefore(latest)) {
      // Counters are cumulative: an older observation carries nothing the newer one lacks.
      update = new VideoUpdate(VideoFeatures.withSupersededSnapshot(doc), VideoUpdate.SUPERSEDED,
          0, s.observedAt());
    } else {
      VideoDocument next = VideoFeatures.withSnapshot(doc, s);
      update = new VideoUpdate(next, VideoUpdate.ENGAGEMENT, next.engagement().viewsDelta(),
          s.observedAt());
    }
    video.update(update.document());
    outcomes.inc(update.change());
    out.collect(update);
    return update.document();
  }

  @Override
  public void processElement2(Enrichment e, Context ctx, Collector<VideoUpdate> out)
      throws Exception {
    if (e.pending()) {
      return;
    }
    if (video.value() == null) {
      if (earlyEnrichment.value() == null) {
        earlyEnrichment.update(e);
      }
      return;
    }
    applyEnrichment(e, out);
  }

  private void applyEnrichment(Enrichment e, Collector<VideoUpdate> out) throws Exception {
    VideoDocument doc = video.value();
    if (doc.signals().enriched()) {
      outcomes.inc("enrichment-repeated");
      return;
    }
    Enrichment.Answer answer = e.answer();
    VideoDocument next = VideoFeatures.withEnrichment(doc, answer,
        answer.enrichedAt() != null ? answer.enrichedAt() : doc.updatedAt());
    video.update(next);
    outcomes.inc("enrichment");
    out.collect(new VideoUpdate(next, VideoUpdate.ENRICHMENT, 0, next.updatedAt()));
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<VideoUpdate> out)
      throws Exception {
    if (video.value() == null) {
      for (SourcedEvent e : early.get()) {
        refuse(e, ctx, DeadLetter.REASON_ORPHAN_SNAPSHOT,
            "no post for video " + e.event().videoId() + " arrived within "
                + Duration.ofMillis(orphanTimeoutMillis) + " of its first snapshot");
      }
      early.clear();
    }
    orphanTimer.clear();
  }

  private void refuse(SourcedEvent e, Context ctx, String reason, String detail) {
    outcomes.inc(reason);
    ctx.output(DeadLetters.TAG, DeadLetters.of(e, DeadLetter.STAGE_JOIN, reason, detail));
  }
}
