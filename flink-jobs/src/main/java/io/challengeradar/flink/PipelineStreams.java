package io.challengeradar.flink;

import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.intel.IntelligenceStreams;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the job produces, before any sink: every refused record, the video documents, the trend
 * windows of hashtags and sounds, the alerts and the current stage of each tag, and what the
 * serving tier said about each new post ({@code enrichments}: the answers, and a pending record
 * for each post that had to wait; empty when enrichment is off), and the challenge intelligence
 * built on them ({@code intelligence}: assessed alerts and stages, participation predictions; null
 * when enrichment or the intelligence is off).
 */
public record PipelineStreams(
    DataStream<DeadLetter> deadLetters,
    DataStream<VideoDocument> videos,
    DataStream<WindowStats> windows,
    DataStream<ChallengeAlert> alerts,
    DataStream<HashtagStage> stages,
    DataStream<Enrichment> enrichments,
    IntelligenceStreams intelligence) {

  /** Whether the challenge intelligence runs; its alerts and stages then replace the plain ones. */
  public boolean hasIntelligence() {
    return intelligence != null;
  }
}
