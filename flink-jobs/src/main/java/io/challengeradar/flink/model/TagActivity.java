package io.challengeradar.flink.model;

import io.challengeradar.contract.TagKind;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One contribution to a tag's trend: a new post by an author, or views gained by a video carrying
 * the tag. Keyed by {@link #key()} so hashtags and sounds with the same text never mix.
 */
@TypeInfo(TagActivitySerializer.Factory.class)
public record TagActivity(
    TagKind kind, String tag, String videoId, String authorId, long eventTimeMillis,
    boolean newPost, long viewsGained) {

  public String key() {
    return kind.wire() + ":" + tag;
  }
}
