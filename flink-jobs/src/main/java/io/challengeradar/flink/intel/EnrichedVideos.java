package io.challengeradar.flink.intel;

import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.Ids;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * What an enrichment contributes to representations: its embedding once per tag of the video, and
 * once for its author. A pending enrichment has no embedding and contributes nothing; the real
 * one that follows it when the serving tier is back does.
 */
public final class EnrichedVideos {
  private EnrichedVideos() {}

  /** The challenge keys of the video: each hashtag and, when it has one, its sound. */
  static String[] challenges(Enrichment e) {
    List<String> keys = new ArrayList<>(e.hashtags().length + 1);
    for (String tag : e.hashtags()) {
      keys.add(Ids.join(TagKind.HASHTAG.wire(), tag));
    }
    if (e.musicId() != null) {
      keys.add(Ids.join(TagKind.SOUND.wire(), e.musicId()));
    }
    return keys.toArray(new String[0]);
  }

  static boolean embedded(Enrichment e) {
    return !e.pending() && e.answer().embedding() != null;
  }

  /** Fans an embedded video out to its tags. */
  public static final class ToTags implements FlatMapFunction<Enrichment, TagVector> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Enrichment e, Collector<TagVector> out) {
      if (embedded(e)) {
        for (String challenge : challenges(e)) {
          out.collect(new TagVector(challenge, e.videoId(), e.answer().embedding()));
        }
      }
    }
  }

  /** An embedded video, for its author. */
  public static final class ToAuthor implements FlatMapFunction<Enrichment, UserVideo> {
    private static final long serialVersionUID = 1L;

    @Override
    public void flatMap(Enrichment e, Collector<UserVideo> out) {
      if (embedded(e)) {
        out.collect(new UserVideo(e.authorId(), e.videoId(), e.createdAt().toEpochMilli(),
            challenges(e), e.answer().embedding()));
      }
    }
  }
}
