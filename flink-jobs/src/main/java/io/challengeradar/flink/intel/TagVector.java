package io.challengeradar.flink.intel;

/** One video's caption embedding, on its way to the representation of one of its tags. */
public record TagVector(String challenge, String videoId, float[] embedding) {}
