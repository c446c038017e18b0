package io.challengeradar.flink.enrich;

import io.challengeradar.flink.ops.WatermarkThinner;
import java.time.Duration;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.AuthorObservation;
import io.challengeradar.flink.model.AuthoredPost;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.SourcedEvent;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/**
 * The enrichment branch of the job:
 *
 * <pre>
 * posts, engagement -> keyBy(videoId) video authors --first posts--> keyBy(authorId) author histories
 *                                      \--observations (side output)--^            |
 *   async /v1/enrich (post + author history) <-----------------------------------------+
 *     -> keyBy(videoId) pending retries
 * </pre>
 *
 * Without a serving URL it is an empty stream. Either way VideoJoin takes its time from its events
 * alone: the enrichments reach it without watermarks (see {@code WithoutEventTime}).
 */
public final class EnrichmentStage {
  /** Flink's deadline trails the HTTP one, so a late answer is the client's timeout, not Flink's. */
  static final long ASYNC_DEADLINE_MARGIN_MILLIS = 1_000;

  /**
   * Event time between two watermarks let into the async I/O (see {@link WatermarkThinner}): the
   * enrichments' time (which the challenge intelligence waits for) lags by at most this much.
   */
  static final Duration WATERMARK_STEP = Duration.ofMinutes(1);

  private EnrichmentStage() {}

  /**
   * The enrichments of {@code events}' new posts; its side output {@code DeadLetters.TAG} carries
   * the posts given up on (none without a serving URL).
   */
  public static SingleOutputStreamOperator<Enrichment> build(
      DataStream<SourcedEvent> events, PipelineOptions options) {
    TypeInformation<Enrichment> type = TypeInformation.of(Enrichment.class);
    EnrichmentOptions enrichment = options.enrichment();
    if (!enrichment.enabled()) {
      return events.flatMap((SourcedEvent e, Collector<Enrichment> out) -> { })
          .returns(type).name("no-enrichment");
    }
    SingleOutputStreamOperator<SourcedEvent> firstPosts = events
        .keyBy(e -> e.event().videoId(), Types.STRING)
        .process(new VideoAuthors(options.stateTtl()), TypeInformation.of(SourcedEvent.class))
        .name("video-authors").uid("video-authors");
    DataStream<AuthorObservation> observations = firstPosts.getSideOutput(VideoAuthors.OBSERVATIONS);
    DataStream<AuthoredPost> posts = firstPosts
        .keyBy(e -> ((Post) e.event()).authorId(), Types.STRING)
        .connect(observations.keyBy(AuthorObservation::authorId, Types.STRING))
        .process(new AuthorHistories(enrichment.authorHistoryMaxVideos(), options.stateTtl()),
            TypeInformation.of(AuthoredPost.class))
        .name("author-histories").uid("author-histories")
        .transform("thin-watermarks", TypeInformation.of(AuthoredPost.class),
            new WatermarkThinner<>(WATERMARK_STEP))
        .uid("thin-watermarks");
    DataStream<EnrichAttempt> attempts = AsyncDataStream.unorderedWait(
            posts, new EnrichPosts(enrichment),
            enrichment.timeout().toMillis() + ASYNC_DEADLINE_MARGIN_MILLIS, TimeUnit.MILLISECONDS,
            enrichment.capacity())
        .returns(TypeInformation.of(EnrichAttempt.class))
        .name("enrich").uid("enrich");
    return attempts
        .keyBy(a -> a.result().videoId(), Types.STRING)
        .process(new PendingEnrichments(enrichment, options.stateTtl()), type)
        .name("pending-enrichments").uid("pending-enrichments");
  }
}
