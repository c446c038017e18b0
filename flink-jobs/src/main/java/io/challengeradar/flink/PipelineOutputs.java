package io.challengeradar.flink;

/**
 * Where the job's streams go. Production attaches Elasticsearch ({@link
 * io.challengeradar.flink.es.ElasticsearchOutputs}); tests attach collecting sinks.
 */
@FunctionalInterface
public interface PipelineOutputs {
  void attach(PipelineStreams streams);
}
