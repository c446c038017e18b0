package io.challengeradar.flink.ops;

import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.model.TagActivity;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoUpdate;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** What each video update contributes to the trends of its hashtags and its sound. */
public final class TagActivities implements FlatMapFunction<VideoUpdate, TagActivity> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(VideoUpdate u, Collector<TagActivity> out) {
    boolean newPost = VideoUpdate.NEW_POST.equals(u.change());
    if (!newPost && u.viewsGained() == 0) {
      return;
    }
    VideoDocument d = u.document();
    long at = u.changeTime().toEpochMilli();
    for (String tag : d.hashtags()) {
      out.collect(new TagActivity(TagKind.HASHTAG, tag, d.videoId(), d.authorId(), at, newPost,
          u.viewsGained()));
    }
    if (d.musicId() != null) {
      out.collect(new TagActivity(TagKind.SOUND, d.musicId(), d.videoId(), d.authorId(), at,
          newPost, u.viewsGained()));
    }
  }
}
