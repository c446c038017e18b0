package io.challengeradar.training.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.training.data.ParticipationBuilder.Pair;
import io.challengeradar.training.nn.ProxyObjective;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProxyStageTest {

  private static final List<String> DANCE = List.of("#dance one", "#dance two");
  private static final List<String> SHUFFLE = List.of("#shuffle one", "#shuffle two");

  /** Ann and Bob are training pairs; Cid's pair is the test part and must teach the projection nothing. */
  private static final List<Pair> TRAINING = List.of(
      new Pair("ann", "#dance", true, List.of("ann cooks", "ann sings"), DANCE),
      new Pair("ann", "#shuffle", false, List.of("ann cooks", "ann runs"), SHUFFLE),
      new Pair("bob", "#dance", false, List.of("bob paints"), DANCE));
  private static final Pair TEST = new Pair("cid", "#shuffle", true, List.of("cid skates"), SHUFFLE);

  private static Map<String, float[]> vectors() {
    Map<String, float[]> v = new LinkedHashMap<>();
    float i = 0;
    for (Pair p : List.of(TRAINING.get(0), TRAINING.get(1), TRAINING.get(2), TEST)) {
      for (String t : p.userTexts()) {
        v.putIfAbsent(t, new float[] {i++, 0});
      }
      for (String t : p.challengeTexts()) {
        v.putIfAbsent(t, new float[] {0, i++});
      }
    }
    return v;
  }

  private static Set<String> texts(ProxyObjective o, Map<String, float[]> vectors) {
    Set<String> out = new HashSet<>();
    for (float[] x : o.inputs()) {
      vectors.forEach((t, v) -> {
        if (v == x) {
          out.add(t);
        }
      });
    }
    return out;
  }

  @Test
  void learnsFromTheTrainingPairsVideosOnly() {
    Map<String, float[]> vectors = vectors();

    List<ProxyObjective> objectives = ProxyStage.objectives(TRAINING, vectors);

    ProxyObjective challenge = objectives.get(0);
    ProxyObjective user = objectives.get(1);
    assertThat(challenge.name()).isEqualTo(ProxyStage.CHALLENGE);
    assertThat(challenge.classes()).isEqualTo(2);
    assertThat(texts(challenge, vectors)).containsExactlyInAnyOrder(
        "#dance one", "#dance two", "#shuffle one", "#shuffle two");
    assertThat(user.name()).isEqualTo(ProxyStage.USER);
    assertThat(user.classes()).isEqualTo(2);
    // Ann's videos once each (the union over her two pairs), then Bob's; nothing of Cid.
    assertThat(user.labels()).containsExactly(0, 0, 0, 1);
    assertThat(texts(user, vectors)).containsExactlyInAnyOrder("ann cooks", "ann sings", "ann runs", "bob paints");
  }

  @Test
  void namesATextWithoutAVector() {
    Map<String, float[]> vectors = vectors();
    vectors.remove("bob paints");

    assertThatThrownBy(() -> ProxyStage.objectives(TRAINING, vectors))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("video to user: no vector for text 'bob paints'");
  }
}
