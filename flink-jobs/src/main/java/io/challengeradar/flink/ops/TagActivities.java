package io.challengeradar.flink.ops;

import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.model.TagActivity;
import io.challengeradar.flink.model.VideoPost;
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
    VideoPost post = u.document().post();
    long at = u.changeTime().toEpochMilli();
    for (String tag : post.hashtags()) {
      out.collect(new TagActivity(TagKind.HASHTAG, tag, post.videoId(), post.authorId(), at,
          newPost, u.viewsGained()));
    }
    if (post.musicId() != null) {
      out.collect(new TagActivity(TagKind.SOUND, post.musicId(), post.videoId(),
          post.authorId(), at, newPost, u.viewsGained()));
    }
  }
}
