package io.challengeradar.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers on small fixtures that reproduce each source's quirks. */
class DataReadersTest {

  @TempDir Path dir;

  @Test
  void claimsRowsWithoutLabelOrWithNaCountsAreCountedNotDropped() throws Exception {
    Files.writeString(dir.resolve(ClaimsData.FILE), String.join("\n",
        "#,claim_status,video_id,video_duration_sec,video_transcription_text,verified_status,author_ban_status,video_view_count,video_like_count,video_share_count,video_download_count,video_comment_count",
        "1,claim,7017666017,59,someone shared with me that drones fly,not verified,under review,343296,19425,241,1,0",
        "2,opinion,4014381136,32,i think that soil is rich,verified,active,1408,77,19,1,0",
        "3,opinion,4014381137,32,\"i think, honestly, that\",not verified,banned,#N/A,77,19,1,0",
        "4,,2969178540,24,,not verified,active,#N/A,#N/A,#N/A,#N/A,#N/A",
        "5,claim,123,10,too few cells",
        ""));
    RowAccounting acc = new RowAccounting("claims");

    List<ClaimsData.Video> videos = ClaimsData.read(dir, acc);

    assertThat(videos).extracting(ClaimsData.Video::claim).containsExactly(true, false);
    assertThat(videos.get(0).features()).hasSize(ClaimsData.FEATURES.size());
    assertThat(videos.get(0).features()[0]).isEqualTo((float) Math.log1p(343296));
    assertThat(videos.get(0).features()[7]).isEqualTo(1f); // under review
    assertThat(acc.skipped())
        .containsEntry("video_view_count: not a count", 1L)
        .containsEntry("claim_status: missing", 1L)
        .containsEntry("$: row has 5 cells, header has 12", 1L);
    assertThat(acc.read()).isEqualTo(5);
    assertThat(acc.usedCount() + acc.skipped().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(acc.read());
    assertThat(acc.examples().get("claim_status: missing")).isEqualTo("tiktok_dataset.csv:5");
  }

  @Test
  void vnFeedParsesDisplayCountsDurationsAndDropsRepeatsWithACount() throws Exception {
    String header = "user_name,user_nfollower,vid_id,vid_caption,vid_postTime,vid_scrapeTime,vid_duration,vid_nview,vid_nlike,vid_ncomment,vid_nshare,vid_nsave,vid_hashtags,vid_url,music_id,music_title,music_nused,music_authorName,music_originality";
    Files.writeString(dir.resolve("feed.csv"), "\uFEFF" + String.join("\n", header,
        "lena,304.9K,7506832682593094928,Giấc mơ 🤷,2025-05-21 09:44:45,2025-05-29 15:38:41,00:31,541.2K,21.9K,454,742,1098,xuhuongtiktok,u,7.5e+18,t,3 videos,a,True",
        "ong,17.4K,7507991840340135186,,2025-05-24 12:42:52,2025-05-29 15:39:47,01:05,1.4M,27.7K,448,10.2K,5047,\"Suckhoe, #thaomoc\",u,7.5e+18,t,44 videos,a,False",
        "bad,1K,7507991840340135187,x,2025-05-24 12:42:52,2025-05-29 15:39:47,01:05,,1,1,1,1,,u,1,t,1,a,True"),
        StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("hist.csv"), String.join("\n", header,
        "lena,304.9K,7506832682593094928,again,2025-05-21 09:44:45,2025-06-05 15:38:41,00:31,600K,1,1,1,1,,u,1,t,1,a,True"));
    RowAccounting acc = new RowAccounting("vn");

    List<VnFeedData.Video> videos = VnFeedData.read(dir, List.of("feed.csv", "hist.csv"), acc);

    assertThat(videos).hasSize(2);
    VnFeedData.Video a = videos.get(0);
    assertThat(a.user()).isEqualTo("lena"); // the BOM is not part of the first column's name
    assertThat(a.followers()).isEqualTo(304_900);
    assertThat(a.views()).isEqualTo(541_200);
    assertThat(a.durationSec()).isEqualTo(31);
    assertThat(a.musicOriginal()).isTrue();
    assertThat(videos.get(1).hashtags()).containsExactly("suckhoe", "thaomoc");
    assertThat(videos.get(1).caption()).isEmpty();
    assertThat(acc.skipped())
        .containsEntry("vid_nview: missing", 1L)
        .containsEntry("vid_id: duplicate of a video already read", 1L);
    assertThat(acc.read()).isEqualTo(4);
  }

  @Test
  void dataresHistoriesReadPythonListsAndBuildTextFromTagsAndSound() throws Exception {
    Path videos = Files.createDirectories(dir.resolve(DataresHistories.DIR));
    String header = "id,create_time,user_name,hashtags,song,video_length,n_likes,n_shares,n_comments,n_plays,n_followers,n_total_likes,n_total_vids";
    Files.writeString(videos.resolve(DataresHistories.FILES.get(0)), String.join("\n", header,
        "1,1604786417,anna,\"['Halloween', \"\"it's\"\", 'fyp']\",Monster Mash,15,1,1,1,1,1,1,1",
        "2,1604786418,anna,[],,15,1,1,1,1,1,1,1",
        "3,1604786419,anna,['dance',,15,1,1,1,1,1,1,1"));
    Files.writeString(videos.resolve(DataresHistories.FILES.get(1)), String.join("\n", header,
        "1,1604786417,anna,['halloween'],Monster Mash,15,1,1,1,1,1,1,1"));
    for (String f : DataresHistories.FILES.subList(2, DataresHistories.FILES.size())) {
      Files.writeString(videos.resolve(f), header + "\n");
    }
    RowAccounting acc = new RowAccounting("datares");

    List<CreatorVideo> read = DataresHistories.read(dir, acc);

    assertThat(read).hasSize(1);
    assertThat(read.get(0).text()).isEqualTo("#halloween #it's #fyp ♪ Monster Mash");
    assertThat(read.get(0).challenges()).containsExactly("#halloween", "#it's", "#fyp", "♪Monster Mash");
    assertThat(acc.skipped())
        .containsEntry("hashtags: empty and song missing (no text to encode)", 1L)
        .containsEntry("hashtags: not a list literal", 1L)
        .containsEntry("id: duplicate of a video already read", 1L);
    assertThat(acc.read()).isEqualTo(4);
  }

  @Test
  void genericTagsAndOriginalSoundsAreNotChallenges() {
    assertThat(ChallengeRule.generic("#fyp")).isTrue();
    assertThat(ChallengeRule.generic("#foryoupage")).isTrue();
    assertThat(ChallengeRule.generic("#xuhuongtiktok")).isTrue();
    assertThat(ChallengeRule.generic("#xuhuong")).isTrue(); // Vietnamese "trend", the VN feed's top tag
    assertThat(ChallengeRule.generic("#xh")).isTrue();
    assertThat(ChallengeRule.generic("#duet")).isTrue();
    assertThat(ChallengeRule.generic("♪original sound - anna")).isTrue();
    assertThat(ChallengeRule.generic("♪sonido original")).isTrue();
    assertThat(ChallengeRule.generic("#halloween")).isFalse();
    assertThat(ChallengeRule.generic("♪WAP")).isFalse();
  }
}
