package io.challengeradar.flink;

/**
 * Where the job's streams go. Production attaches Elasticsearch ({@link
 * io.challengeradar.flink.es.ElasticsearchOutputs}); tests attach collecting sinks.
 */
@FunctionalInterface
public interface PipelineOutputs {
  void attach(PipelineStreams streams);

  /** Where the challenge intelligence's streams go; outputs that do not want them ignore them. */
  default void attachIntelligence(io.challengeradar.flink.intel.IntelligenceStreams streams) {}
}
