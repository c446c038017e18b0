package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One video as the analysts see it in {@code radar-videos}: the post, its latest engagement
 * snapshot and the features computed from it, and what the serving tier said about it. Each part
 * is written flat into the document (the parts are never null: a part not known yet has every
 * field null, so the document always has every field).
 *
 * @param snapshots engagement snapshots received for the video, superseded ones included
 * @param version events applied so far (the post and every snapshot); grows with every update, so
 *     Elasticsearch can refuse a stale write with external versioning
 * @param updatedAt event time of the latest change (processing time for an enrichment)
 */
@TypeInfo(VideoDocumentSerializer.Factory.class)
public record VideoDocument(
    @JsonUnwrapped VideoPost post,
    @JsonUnwrapped Engagement engagement,
    @JsonUnwrapped EngagementFeatures features,
    int snapshots,
    long version,
    Instant updatedAt,
    @JsonUnwrapped VideoSignals signals) {

  public VideoDocument {
    Objects.requireNonNull(post, "post");
    Objects.requireNonNull(engagement, "engagement");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(signals, "signals");
  }

  public String id() {
    return post.videoId();
  }
}
