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
 * The job runs with generic types off, and the windows, alerts and rankings sit in keyed and CEP
 * state: each record without an explicit serializer, and each part it is made of, must be a POJO
 * all the way down (Flink's versioned serializer), never a Kryo fallback that would fail the job
 * at start.
 */
class RecordTypesTest {

  static List<Class<?>> records() {
    // VideoDocument, Enrichment, TagActivity and EsOperation have explicit serializers
    // (ExplicitSerializersTest); VideoUpdate holds a VideoDocument.
    return List.of(VideoUpdate.class,
        WindowStats.class, ChallengeAlert.class, HashtagStage.class, DeadLetter.class,
        LocalRanking.class, AuthorObservation.class, AuthoredPost.class);
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
