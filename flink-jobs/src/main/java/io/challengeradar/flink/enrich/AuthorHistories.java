package io.challengeradar.flink.enrich;

import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.AuthorObservation;
import io.challengeradar.flink.model.AuthoredPost;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.serving.wire.AuthorTrack;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per author (keyed by authorId): the author's recent videos and their latest engagement, an
 * {@link AuthorTrack} of at most {@code enrichment.author-history.max-videos} videos. Each new post
 * leaves with {@link AuthorTrack#summaryAt} its post time (only videos posted and observed before
 * it), then joins the track; each observation updates it. The same class makes training's
 * features, so the head sees what it was trained on.
 *
 * <p>An observation that overtakes its post (the two come on different inputs) adds the video
 * itself, from the post time it carries.
 */
public final class AuthorHistories
    extends KeyedCoProcessFunction<String, SourcedEvent, AuthorObservation, AuthoredPost> {
  private static final long serialVersionUID = 1L;

  public static final String TRACK_STATE = "author-track";

  private final int maxVideos;
  private final Duration stateTtl;
  private transient ValueState<AuthorTrack> track;

  public AuthorHistories(int maxVideos, Duration stateTtl) {
    this.maxVideos = maxVideos;
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext ctx) {
    ValueStateDescriptor<AuthorTrack> d =
        new ValueStateDescriptor<>(TRACK_STATE, TypeInformation.of(AuthorTrack.class));
    d.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
    track = getRuntimeContext().getState(d);
  }

  @Override
  public void processElement1(SourcedEvent in, Context ctx, Collector<AuthoredPost> out)
      throws Exception {
    Post post = (Post) in.event();
    long at = post.createdAt().toEpochMilli();
    AuthorTrack t = current();
    out.collect(new AuthoredPost(in, t.summaryAt(post.videoId(), at)));
    track.update(t.posted(post.videoId(), at, maxVideos));
  }

  @Override
  public void processElement2(AuthorObservation o, Context ctx, Collector<AuthoredPost> out)
      throws Exception {
    track.update(current().posted(o.videoId(), o.postedAtMillis(), maxVideos)
        .observed(o.videoId(), o.observedAtMillis(), o.views(), o.interactions()));
  }

  private AuthorTrack current() throws Exception {
    AuthorTrack t = track.value();
    return t == null ? AuthorTrack.empty() : t;
  }
}
