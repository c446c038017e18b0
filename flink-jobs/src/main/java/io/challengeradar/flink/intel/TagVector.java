package io.challengeradar.flink.intel;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/** One video's caption embedding, on its way to the representation of one of its tags. */
@TypeInfo(TagVectorSerializer.Factory.class)
public record TagVector(String challenge, String videoId, float[] embedding) {}
