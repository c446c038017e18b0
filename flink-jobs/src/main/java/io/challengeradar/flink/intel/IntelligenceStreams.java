package io.challengeradar.flink.intel;

import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.ParticipationPrediction;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the challenge intelligence produces: every alert with its representation and risk (for
 * {@code radar-challenge-alerts}), the stage of each tag with the same (for {@code
 * radar-hashtags}), and the participation predictions (for {@code radar-participation}). The
 * alerts and stages replace the plain ones of the pipeline: same ids, more fields.
 */
public record IntelligenceStreams(
    DataStream<ChallengeAssessment> alerts,
    DataStream<HashtagStage> stages,
    DataStream<ParticipationPrediction> participation) {}
