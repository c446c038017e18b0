package io.challengeradar.flink.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.intel.LocalRanking;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The job runs with generic types off, and the rankings and assessments sit in keyed state: each record without an explicit serializer, and each part it is made of, must be a POJO
 * all the way down (Flink's versioned serializer), never a Kryo fallback that would fail the job
 * at start.
 */
class RecordTypesTest {

  static List<Class<?>> records() {
    // VideoDocument, Enrichment, TagActivity, EsOperation, WindowStats, ChallengeAlert,
    // WindowVolume, AuthorObservation and the rest in ExplicitSerializersTest have explicit
    // serializers; VideoUpdate holds a VideoDocument, HashtagStage and AuthoredPost never leave
    // their chain.
    return List.of(VideoUpdate.class, HashtagStage.class, DeadLetter.class,
        LocalRanking.class, AuthoredPost.class, ChallengeAssessment.class);
  }

  @ParameterizedTest
  @MethodSource("records")
  void isAPojoWithNoGenericFieldAtAnyDepth(Class<?> type) {
    assertThat(TypeInformation.of(type)).isInstanceOf(PojoTypeInfo.class);
    assertNoGenericType(TypeInformation.of(type), type.getSimpleName());
  }

  private static void assertNoGenericType(TypeInformation<?> t, String path) {
    assertThat(t).as(path).isNotInstanceOf(GenericTypeInfo.class);
    if (t instanceof PojoTypeInfo<?> pojo) {
      for (int i = 0; i < pojo.getArity(); i++) {
        assertNoGenericType(pojo.getPojoFieldAt(i).getTypeInformation(),
            path + "." + pojo.getPojoFieldAt(i).getField().getName());
      }
    } else if (t instanceof ObjectArrayTypeInfo<?, ?> array) {
      assertNoGenericType(array.getComponentInfo(), path + "[]");
    }
  }
}
