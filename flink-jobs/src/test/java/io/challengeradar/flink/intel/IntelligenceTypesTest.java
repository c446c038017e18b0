package io.challengeradar.flink.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.model.SerializerTypeInfo;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * The job runs with generic types off: every record in the intelligence's state or on its wire
 * must be a POJO (Flink's versioned, evolvable serializer) or have an explicit serializer (the
 * enrichments and the vectors shuffled per video, see ExplicitSerializersTest), never a Kryo fallback.
 */
class IntelligenceTypesTest {

  @Test
  void everyStateAndWireTypeIsAPojo() {
    List<Class<?>> types = List.of(UserHistory.class, RunningMean.class, ChallengeAssessment.class, LocalRanking.class,
        ParticipationPrediction.class, HashtagStage.class);

    assertThat(types).allSatisfy(t ->
        assertThat(TypeInformation.of(t)).as(t.getSimpleName()).isInstanceOf(PojoTypeInfo.class));
    assertThat(List.of(Enrichment.class, TagVector.class, UserVideo.class)).allSatisfy(t ->
        assertThat(TypeInformation.of(t)).as(t.getSimpleName())
            .isInstanceOf(SerializerTypeInfo.class));
  }
}
