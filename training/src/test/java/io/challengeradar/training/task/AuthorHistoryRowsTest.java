package io.challengeradar.training.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.serving.model.PostFeatures;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.training.data.VnFeedData;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorHistoryRowsTest {

  private static final long POSTED = 1_700_000_000L;

  private static VnFeedData.Video video(String file, String user, String caption) {
    return new VnFeedData.Video(file, user, user + "-1", caption, List.of("fyp"), 1_000, 5_000, POSTED,
        POSTED + 86_400, 30, true, 100);
  }

  private final List<VnFeedData.Video> videos = List.of(
      video(VnFeedData.FEED, "seen", "dance"),
      video(VnFeedData.HISTORIES, "cadence-only", "song"),
      video(VnFeedData.HISTORIES, "new", ""));
  // An observed earlier video; an earlier post with none observed yet (only the cadence is set);
  // no earlier post at all.
  private final Wire.AuthorHistory[] history = {
    new Wire.AuthorHistory(2, 8.5, 0.3, 0.05, 12),
    new Wire.AuthorHistory(0, 0, 0, 0, 30),
    Wire.AuthorHistory.NONE
  };
  private final ViralityRows postOnly = ViralityRows.of(ViralityTask.DATA_SET, videos,
      Map.of("dance", new float[] {1, 2}, "song", new float[] {3, 4}), new float[2], ViralityTask::features,
      v -> v.views());

  @Test
  void tellsWhatEachAuthorsHistoryHolds() {
    AuthorHistoryRows rows = AuthorHistoryRows.of(postOnly, videos, history);

    assertThat(rows.has()).containsExactly(true, false, false);
    assertThat(rows.kinds()).containsExactly(
        AuthorHistoryRows.OBSERVED, AuthorHistoryRows.UNOBSERVED, AuthorHistoryRows.NO_EARLIER_POST);
    // The history-only baseline's one bit: an unobserved earlier post still counts as a post.
    assertThat(rows.earlier()).containsExactly(
        "earlier post", "earlier post", AuthorHistoryRows.NO_EARLIER_POST);
    assertThat(rows.files()).containsExactly(VnFeedData.FEED, VnFeedData.HISTORIES, VnFeedData.HISTORIES);
    assertThat(rows.withHistory(new int[] {2, 1, 0})).containsExactly(0);
    assertThat(rows.withoutHistory(new int[] {2, 1, 0})).containsExactly(2, 1);
  }

  @Test
  void keepsTheCaptionVectorAndAppendsTheAuthorHistoryHeadsFeatures() {
    AuthorHistoryRows rows = AuthorHistoryRows.of(postOnly, videos, history);

    int authorFeatures = PostFeatures.AUTHOR_HISTORY.size();
    float[][] captions = {{1, 2}, {3, 4}, {0, 0}};
    for (int i = 0; i < videos.size(); i++) {
      float[] features = ViralityTask.features(videos.get(i), history[i]);
      assertThat(Arrays.copyOf(rows.full()[i], 2)).containsExactly(captions[i]);
      assertThat(Arrays.copyOfRange(rows.full()[i], 2, rows.full()[i].length)).containsExactly(features);
      assertThat(rows.authorOnly()[i])
          .containsExactly(Arrays.copyOfRange(features, features.length - authorFeatures, features.length));
    }
    assertThat(ViralityTask.FEATURES_WITH_HISTORY).hasSize(ViralityTask.FEATURES.size() + authorFeatures);
  }
}
