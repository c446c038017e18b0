package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Collected.resource;
import static io.challengeradar.core.importer.Collected.unix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataresImportersTest {

  @Test
  void userVideosParsePythonListHashtagsAndSkipTheIdMapFiles() throws Exception {
    // The folder also holds top_users_and_id.csv, which is not a *_vids*.csv file.
    Collected c = Collected.run("datares-users-csv", resource("datares/user_videos"));
    long newest = 1604786417L;

    assertThat(c.events).containsExactly(
        Post.of("6892505037482822918", "@charli", unix(1604786417), "",
                List.of("johncena", "love", "fyp"), null, 15)
            .withFollowerCount(97_400_000L).withAuthorHandle("charli"),
        new EngagementSnapshot("6892505037482822918", unix(newest), 1_900_000, 480_800, 51_300,
            9_256, null),
        Post.of("6892162409755086086", "@charli", unix(1604706644), "", List.of(), null, 9)
            .withFollowerCount(97_400_000L).withAuthorHandle("charli"),
        new EngagementSnapshot("6892162409755086086", unix(newest), 13_300_000, 3_100_000,
            105_700, 17_200, null),
        // Python escapes: \xa0 is kept inside the tag, the trailing \u3000 is stripped
        Post.of("6892162409755086087", "@addison", unix(1604706645), "",
                List.of("patichallenge\u00a0on", "it's", "da_ice"), null, 0)
            .withFollowerCount(53_700_000L).withAuthorHandle("addison"),
        new EngagementSnapshot("6892162409755086087", unix(newest), 30, 5, 2, 1, null),
        // n_likes empty: the post, but no snapshot
        Post.of("6892162409755086089", "@addison", unix(1604706647), "", List.of(), null, 15)
            .withFollowerCount(53_700_000L).withAuthorHandle("addison"));

    assertThat(c.rejects).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(5);
      assertThat(r.field()).isEqualTo("hashtags");
      assertThat(r.reason()).startsWith("not a Python list literal like ['a', 'b']");
    });
    assertThat(c.stats).isEqualTo(new ImportStats(5, 4, 1, 7));
  }

  @Test
  void soundsKeepTheExactSoundIdAndRejectAMangledOne() throws Exception {
    Collected c = Collected.run("datares-sounds-csv", resource("datares/sounds"));
    long newest = 1598510140L;

    assertThat(c.events).containsExactly(
        Post.of("6862441166835600646", "@charli", unix(1597786599), "", List.of(),
                "6858456364713282309", null)
            .withFollowerCount(97_300_000L).withAuthorHandle("charli"),
        new EngagementSnapshot("6862441166835600646", unix(newest), 86_800_000, 10_100_000,
            157_600, 270_400, null),
        // a handle written with its @ gives the same author id as one without
        Post.of("6865548701666938117", "@yuki_dance_", unix(1598510139), "", List.of(),
                "6858456364713282309", null)
            .withFollowerCount(389_000L).withAuthorHandle("yuki_dance_"),
        new EngagementSnapshot("6865548701666938117", unix(newest), 12_900_000, 492_100, 4_688,
            4_523, null));
    assertThat(c.rejects).extracting(Reject::line, Reject::field)
        .containsExactly(tuple(4L, "song_id"));
    assertThat(c.rejects.get(0).reason()).contains("float-mangled", "cannot be recovered");
  }
}
