package io.challengeradar.training.task;

import io.challengeradar.training.data.RowAccounting;
import io.challengeradar.training.data.TrendingData;
import io.challengeradar.training.data.ViewedVideo;
import io.challengeradar.training.data.VnFeedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the virality task reads: both files of {@value ViralityTask#DATA_SET} and whichever trending
 * dumps are present, each with where its rows went.
 *
 * @param videos the VN feed's videos, feed file first
 * @param rows where the VN feed's rows went
 * @param trending the trending dumps that are present, by data set, in a fixed order
 * @param trendingRows where each trending dump's rows went, in the same order
 */
record ViralityData(
    List<VnFeedData.Video> videos,
    RowAccounting rows,
    Map<String, List<TrendingData.Video>> trending,
    List<RowAccounting> trendingRows) {

  /** One trending dump's reader. */
  private interface TrendingReader {
    List<TrendingData.Video> read(Path file, RowAccounting accounting) throws IOException;
  }

  static ViralityData read(TaskContext ctx) throws IOException {
    String dataSet = ViralityTask.DATA_SET;
    RowAccounting rows = new RowAccounting(dataSet + "/{" + VnFeedData.FEED + "," + VnFeedData.HISTORIES + "}");
    List<VnFeedData.Video> videos =
        VnFeedData.read(ctx.dataSet(dataSet), List.of(VnFeedData.FEED, VnFeedData.HISTORIES), rows);
    ctx.log().println(rows);
    ViralityData data = new ViralityData(videos, rows, new LinkedHashMap<>(), new ArrayList<>());
    data.readTrending(ctx, TrendingData.DEC2020, TrendingData.DEC2020_FILE, TrendingData::readScraperJson);
    data.readTrending(ctx, TrendingData.TIKTOKAPI, TrendingData.TIKTOKAPI_FILE, TrendingData::readTiktokApiCsv);
    return data;
  }

  /** Reads one trending dump if it is present; a missing one is said in the log, not fatal. */
  private void readTrending(TaskContext ctx, String dataSet, String file, TrendingReader reader)
      throws IOException {
    Path dir = ctx.dataDir().resolve(dataSet);
    if (!Files.isDirectory(dir)) {
      ctx.log().println("virality: " + dir + " not present, its evaluation is left out");
      return;
    }
    RowAccounting accounting = new RowAccounting(dataSet + "/" + file);
    trending.put(dataSet, reader.read(dir.resolve(file), accounting));
    trendingRows.add(accounting);
    ctx.log().println(accounting);
  }

  /** The captions to embed: the VN feed's, then the trending dumps', blank ones left out. */
  List<String> captions() {
    List<String> texts = new ArrayList<>();
    addCaptions(videos, texts);
    trending.values().forEach(set -> addCaptions(set, texts));
    return texts;
  }

  private static void addCaptions(List<? extends ViewedVideo> videos, List<String> texts) {
    for (ViewedVideo v : videos) {
      if (!v.caption().isBlank()) {
        texts.add(v.caption());
      }
    }
  }

  /** The VN feed's videos with a blank caption (their caption vector is all zeros). */
  int withoutCaption() {
    return (int) videos.stream().filter(v -> v.caption().isBlank()).count();
  }
}
