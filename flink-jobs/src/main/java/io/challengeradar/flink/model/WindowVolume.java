package io.challengeradar.flink.model;

import io.challengeradar.contract.TagKind;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * The volume of one event-time window over all tags of one kind: what a tag's share of the
 * window is measured against.
 *
 * @param windowStartMillis start of the window
 * @param newParticipants new participants summed over every tag of the kind in the window
 * @param activeTags tags of the kind with at least one new participant in the window
 */
@TypeInfo(WindowVolumeSerializer.Factory.class)
public record WindowVolume(
    TagKind kind, long windowStartMillis, long newParticipants, long activeTags) {

  public String key() {
    return key(kind, windowStartMillis);
  }

  public static String key(TagKind kind, long windowStartMillis) {
    return kind.wire() + ":" + windowStartMillis;
  }
}
