package io.challengeradar.flink.enrich;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.AuthorObservation;
import io.challengeradar.flink.model.SourcedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per video (keyed by videoId): lets only the first post through to enrichment, so duplicates
 * cost no serving call, and tags each engagement snapshot with the video's author and post time
 * on {@link #OBSERVATIONS}, so the author's history can be kept by author. A snapshot that comes
 * before its post waits (the latest one only) until the post arrives.
 */
public final class VideoAuthors extends KeyedProcessFunction<String, SourcedEvent, SourcedEvent> {
  private static final long serialVersionUID = 1L;

  public static final String AUTHOR_STATE = "author";
  public static final String POSTED_AT_STATE = "posted-at";
  public static final String WAITING_STATE = "waiting-observation";

  /** Engagement snapshots with their video's author. */
  public static final OutputTag<AuthorObservation> OBSERVATIONS =
      new OutputTag<>("author-observations", TypeInformation.of(AuthorObservation.class));

  private final Duration stateTtl;
  private transient ValueState<String> author;
  private transient ValueState<Long> postedAt;
  private transient ValueState<AuthorObservation> waiting;

  public VideoAuthors(Duration stateTtl) {
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext ctx) {
    StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
    ValueStateDescriptor<String> a = new ValueStateDescriptor<>(AUTHOR_STATE, Types.STRING);
    ValueStateDescriptor<Long> p = new ValueStateDescriptor<>(POSTED_AT_STATE, Types.LONG);
    ValueStateDescriptor<AuthorObservation> w = new ValueStateDescriptor<>(WAITING_STATE,
        TypeInformation.of(AuthorObservation.class));
    a.enableTimeToLive(ttl);
    p.enableTimeToLive(ttl);
    w.enableTimeToLive(ttl);
    author = getRuntimeContext().getState(a);
    postedAt = getRuntimeContext().getState(p);
    waiting = getRuntimeContext().getState(w);
  }

  @Override
  public void processElement(SourcedEvent in, Context ctx, Collector<SourcedEvent> out)
      throws Exception {
    if (in.event() instanceof Post post) {
      if (author.value() != null) {
        return;
      }
      long at = post.createdAt().toEpochMilli();
      author.update(post.authorId());
      postedAt.update(at);
      out.collect(in);
      AuthorObservation early = waiting.value();
      if (early != null) {
        ctx.output(OBSERVATIONS, new AuthorObservation(post.authorId(), post.videoId(), at,
            early.observedAtMillis(), early.views(), early.interactions()));
        waiting.clear();
      }
    } else if (in.event() instanceof EngagementSnapshot s) {
      long interactions = s.likes() + s.comments() + s.shares();
      long observedAt = s.observedAt().toEpochMilli();
      String by = author.value();
      if (by != null) {
        ctx.output(OBSERVATIONS, new AuthorObservation(by, s.videoId(), postedAt.value(),
            observedAt, s.views(), interactions));
        return;
      }
      AuthorObservation kept = waiting.value();
      if (kept == null || kept.observedAtMillis() <= observedAt) {
        waiting.update(new AuthorObservation(null, s.videoId(), 0, observedAt, s.views(),
            interactions));
      }
    }
  }
}
