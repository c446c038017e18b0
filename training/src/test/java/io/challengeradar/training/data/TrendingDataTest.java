package io.challengeradar.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two trending dumps on fixtures with their quirks; every skipped row counted by reason. */
class TrendingDataTest {

  @TempDir Path dir;

  @Test
  void scraperJsonReadsCollectorItemsAndCountsBadOnes() throws Exception {
    Path file = dir.resolve("trending.json");
    Files.writeString(file, """
        {"headers": {"user-agent": "x"}, "collector": [
          {"id": "6900000000000000001", "text": "Dance #FYP #Dance", "createTime": 1608000000,
           "authorMeta": {"id": "111", "verified": true},
           "musicMeta": {"musicOriginal": false}, "videoMeta": {"duration": 15},
           "playCount": 2500000, "hashtags": [{"name": "FYP"}, {"name": "dance"}]},
          {"id": "6900000000000000002", "text": "", "createTime": 1608000100,
           "authorMeta": {"id": "222", "verified": false},
           "musicMeta": {"musicOriginal": true}, "videoMeta": {"duration": 9},
           "playCount": 465, "hashtags": []},
          {"id": "6900000000000000003", "text": "no views", "createTime": 1608000200,
           "authorMeta": {"id": "333"}, "musicMeta": {}, "videoMeta": {"duration": 9}, "hashtags": []},
          {"id": "6900000000000000001", "text": "again", "createTime": 1608000000,
           "authorMeta": {"id": "111"}, "musicMeta": {}, "videoMeta": {"duration": 15},
           "playCount": 1, "hashtags": []}
        ], "zip": "trend"}
        """, StandardCharsets.UTF_8);
    RowAccounting acc = new RowAccounting("dec2020");

    List<TrendingData.Video> videos = TrendingData.readScraperJson(file, acc);

    assertThat(videos).extracting(TrendingData.Video::views).containsExactly(2_500_000L, 465L);
    TrendingData.Video first = videos.get(0);
    assertThat(first.hashtags()).containsExactly("fyp", "dance");
    assertThat(first.verified()).isTrue();
    assertThat(first.musicOriginal()).isFalse();
    assertThat(first.durationSec()).isEqualTo(15);
    assertThat(first.postedAt()).isEqualTo(1608000000L);
    assertThat(acc.skipped())
        .containsEntry("playCount: missing", 1L)
        .containsEntry("id: duplicate of a video already read", 1L);
    assertThat(acc.examples().get("playCount: missing")).isEqualTo("trending.json:collector[2]");
    assertThat(acc.read()).isEqualTo(4);
  }

  @Test
  void tiktokApiCsvTakesHashtagsFromTheCaptionAndLeavesUnknownFieldsNull() throws Exception {
    Path file = dir.resolve("trending_vids.csv");
    Files.writeString(file, String.join("\n",
        "user_name,user_id,video_id,video_desc,video_time,video_length,video_link,n_likes,n_shares,n_comments,n_plays",
        "kyliejenner,6654362767867265030,6951976455400099077,time goes too fast 😥,1618633159,9,https://x,17300000,53700,87200,71700000",
        "dog,6956505848701600773,6956553985121717510,Happydog#fpy #happydog #DOG,1619698948,10,https://x,970500,81600,13800,5500000",
        "bad,1,6956553985121717511,x,not a time,10,https://x,1,1,1,1",
        ""), StandardCharsets.UTF_8);
    RowAccounting acc = new RowAccounting("tiktokapi");

    List<TrendingData.Video> videos = TrendingData.readTiktokApiCsv(file, acc);

    assertThat(videos).hasSize(2);
    assertThat(videos.get(0).views()).isEqualTo(71_700_000L);
    assertThat(videos.get(0).hashtags()).isEmpty();
    assertThat(videos.get(1).hashtags()).contains("happydog", "dog");
    assertThat(videos.get(1).musicOriginal()).isNull();
    assertThat(videos.get(1).verified()).isNull();
    assertThat(acc.skipped()).containsEntry("video_time: not a number", 1L);
    assertThat(acc.read()).isEqualTo(3);
  }
}
