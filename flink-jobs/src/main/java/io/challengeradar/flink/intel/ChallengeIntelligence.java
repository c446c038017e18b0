package io.challengeradar.flink.intel;

import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.Ids;
import io.challengeradar.flink.model.ParticipationPrediction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Challenge intelligence on top of the enrichments and the alerts:
 *
 * <pre>
 * enrichments -> per tag  -> keyBy(challenge) ChallengeRepresentations <- keyBy(challenge) alerts
 *                                                   | assessed alerts (risk) -> alerts, stages
 *                                                   v broadcast
 * enrichments -> per author -> keyBy(author) ParticipationScoring -> local top N
 *                                             -> keyBy(round) ParticipationMerge -> predictions
 * </pre>
 */
public final class ChallengeIntelligence {
  /** Rounds are scored as they arrive; nothing is remembered between them. */
  private static final MapStateDescriptor<?, ?>[] NO_BROADCAST_STATE =
      new MapStateDescriptor<?, ?>[0];

  private ChallengeIntelligence() {}

  /** The graph, calling the serving tier at {@code options.servingUrl()}. */
  public static IntelligenceStreams attach(DataStream<Enrichment> enrichments,
      DataStream<ChallengeAlert> alerts, IntelligenceOptions options) {
    return attach(enrichments, alerts, options, ServingClientCalls.factory(options.client()));
  }

  public static IntelligenceStreams attach(DataStream<Enrichment> enrichments,
      DataStream<ChallengeAlert> alerts, IntelligenceOptions options,
      ServingCalls.Factory serving) {
    SingleOutputStreamOperator<ChallengeAssessment> assessed = enrichments
        .flatMap(new EnrichedVideos.ToTags()).returns(TypeInformation.of(TagVector.class))
        .name("videos-per-tag")
        .keyBy(TagVector::challenge, Types.STRING)
        .connect(alerts.keyBy(ChallengeIntelligence::challenge, Types.STRING))
        .process(new ChallengeRepresentations(options, serving),
            TypeInformation.of(ChallengeAssessment.class))
        .name("challenge-representations").uid("challenge-representations");

    DataStream<HashtagStage> stages = assessed.map(HashtagStage::of)
        .returns(TypeInformation.of(HashtagStage.class)).name("assessed-stages");

    DataStream<ParticipationPrediction> predictions = enrichments
        .flatMap(new EnrichedVideos.ToAuthor()).returns(TypeInformation.of(UserVideo.class))
        .name("videos-per-author")
        .keyBy(UserVideo::authorId, Types.STRING)
        .connect(assessed.broadcast(NO_BROADCAST_STATE))
        .process(new ParticipationScoring(options, serving),
            TypeInformation.of(LocalRanking.class))
        .name("participation-scoring").uid("participation-scoring")
        .keyBy(LocalRanking::roundId, Types.STRING)
        .process(new ParticipationMerge(options),
            TypeInformation.of(ParticipationPrediction.class))
        .name("participation-merge").uid("participation-merge");

    return new IntelligenceStreams(assessed, stages, predictions);
  }

  static String challenge(ChallengeAlert a) {
    return Ids.join(a.kind().wire(), a.tag());
  }
}
