package io.challengeradar.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParticipationBuilderTest {

  private static final long DAY = 86_400;

  /**
   * 12 users with 4 ordinary videos each; users 0-5 join #bigdance (users 0-2 early, 3-5 late),
   * every user posts #fyp; #tiny has one user only.
   */
  private static List<CreatorVideo> histories() {
    List<CreatorVideo> v = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      String user = "u" + u;
      for (int k = 0; k < 4; k++) {
        v.add(new CreatorVideo(user, user + "-" + k, k * DAY, user + " video " + k, List.of("#fyp")));
      }
      if (u < 6) {
        long t = (u < 3 ? 2 : 10) * DAY + u;
        v.add(new CreatorVideo(user, user + "-dance", t, user + " dances", List.of("#bigdance", "#fyp")));
      }
    }
    v.add(new CreatorVideo("u0", "u0-tiny", 5 * DAY, "tiny", List.of("#tiny")));
    return v;
  }

  private static ParticipationBuilder.Options options() {
    return new ParticipationBuilder.Options(3, 2, 10, 1, 7);
  }

  @Test
  void challengesHaveEnoughParticipantsAndAreNotGeneric() {
    ParticipationBuilder.Dataset d = new ParticipationBuilder(histories(), options()).all();

    assertThat(d.challenges()).containsExactly("#bigdance");
    assertThat(d.participants()).containsEntry("#bigdance", 6);
  }

  @Test
  void userSideLeavesOutTheChallengesVideosAndKeepsTheLatest() {
    ParticipationBuilder.Dataset d = new ParticipationBuilder(histories(), options()).all();

    ParticipationBuilder.Pair u0 =
        d.pairs().stream().filter(p -> p.user().equals("u0")).findFirst().orElseThrow();
    assertThat(u0.joined()).isTrue();
    assertThat(u0.userTexts()).containsExactly("tiny", "u0 video 3");
    assertThat(u0.challengeTexts()).hasSize(6).allMatch(t -> t.endsWith("dances"));
  }

  @Test
  void negativesAreSampledFromNonJoinersTheSameWayEveryTime() {
    ParticipationBuilder.Dataset a = new ParticipationBuilder(histories(), options()).all();
    ParticipationBuilder.Dataset b = new ParticipationBuilder(histories(), options()).all();

    assertThat(a.positives()).isEqualTo(6);
    assertThat(a.pairs()).hasSize(12);
    assertThat(a.pairs().stream().filter(p -> !p.joined()).map(ParticipationBuilder.Pair::user))
        .allMatch(u -> Integer.parseInt(u.substring(1)) >= 6);
    assertThat(a.pairs()).isEqualTo(b.pairs());
  }

  @Test
  void timeSplitUsesOnlyThePastAndTestsOnLaterJoins() {
    ParticipationBuilder.TimeSplit s =
        new ParticipationBuilder(histories(), new ParticipationBuilder.Options(6, 8, 10, 1, 7)).byTime(0.5);

    assertThat(s.cutoff()).isEqualTo(10 * DAY + 3);
    assertThat(s.train().pairs().stream().filter(ParticipationBuilder.Pair::joined)
        .map(ParticipationBuilder.Pair::user)).containsExactly("u0", "u1", "u2");
    assertThat(s.test().pairs().stream().filter(ParticipationBuilder.Pair::joined)
        .map(ParticipationBuilder.Pair::user)).containsExactly("u3", "u4", "u5");
    // Test users' own later challenge videos are not in any representation.
    assertThat(s.test().pairs()).allMatch(p -> p.challengeTexts().stream()
        .noneMatch(t -> t.startsWith("u3") || t.startsWith("u4") || t.startsWith("u5")));
    assertThat(s.test().pairs()).allMatch(p -> p.userTexts().stream().noneMatch(t -> t.endsWith("dances")));
  }
}
