package io.challengeradar.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile inputs: each costs its own row, never the file or the process. */
class HostileInputTest {

  private static final String API_HEADER =
      "user_name,user_id,video_id,video_desc,video_time,video_length,video_link,n_likes,"
          + "n_shares,n_comments,n_plays\n";

  @TempDir Path dir;

  private static String apiRow(String videoId, String desc, String time, String plays) {
    return "u," + "6654362767867265030," + videoId + "," + desc + "," + time
        + ",9,https://www.tiktok.com/x,1,2,3," + plays + "\n";
  }

  private static final String GOOD_ROW =
      apiRow("6951976455400099077", "ok #fine", "1618633159", "4");

  private Collected importApi(byte[] content) throws Exception {
    Path file = dir.resolve("trending_vids.csv");
    Files.write(file, content);
    return Collected.run("tiktokapi-csv", file);
  }

  private Collected importApi(String content) throws Exception {
    return importApi(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTenMegabyteRowIsRejectedAndTheNextRowStillImports() throws Exception {
    String huge = apiRow("6951976455400099078", "x".repeat(10 << 20), "1618633159", "4");
    Collected c = importApi(API_HEADER + huge + GOOD_ROW);

    assertThat(c.rejects).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(2);
      assertThat(r.field()).isEqualTo("$");
      assertThat(r.reason()).contains("over the limit of " + CsvReader.DEFAULT_MAX_RECORD_BYTES);
      assertThat(r.raw().length()).isLessThan(Reject.MAX_RAW_CHARS + 40);
    });
    assertThat(c.posts()).extracting(Post::videoId).containsExactly("6951976455400099077");
    assertThat(c.stats).isEqualTo(new ImportStats(2, 1, 1, 2));
  }

  @Test
  void aCaptionOverTheCodecLimitIsRejectedNamingTheSourceColumn() throws Exception {
    int limit = EventCodec.withDefaults().options().maxCaptionChars();
    Collected c = importApi(API_HEADER
        + apiRow("6951976455400099078", "y".repeat(limit + 1), "1618633159", "4") + GOOD_ROW);

    assertThat(c.rejects).extracting(Reject::line, Reject::field)
        .containsExactly(tuple(2L, "video_desc"));
    assertThat(c.rejects.get(0).reason()).contains("over the limit of " + limit);
  }

  @Test
  void invalidUtf8RejectsOnlyItsRow() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(API_HEADER.getBytes(StandardCharsets.UTF_8));
    out.writeBytes("u,6654362767867265030,6951976455400099078,bad ".getBytes(StandardCharsets.UTF_8));
    out.write(0xC3); // a lead byte followed by ASCII
    out.writeBytes(",1618633159,9,x,1,2,3,4\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(GOOD_ROW.getBytes(StandardCharsets.UTF_8));
    Collected c = importApi(out.toByteArray());

    assertThat(c.rejects).extracting(Reject::line, Reject::field, Reject::reason)
        .containsExactly(tuple(2L, "video_desc", "not valid UTF-8 text"));
    assertThat(c.posts()).hasSize(1);
  }

  @Test
  void spreadsheetErrorsFutureTimesAndShortRowsAreRejectedWithReasons() throws Exception {
    Collected c = importApi(API_HEADER
        + apiRow("#N/A", "x", "1618633159", "4")
        + apiRow("6951976455400099078", "x", "1618633159", "#N/A")
        + apiRow("6951976455400099079", "x", "1900000000", "4") // 2030: after the clock
        + apiRow("6951976455400099080", "x", "0", "4") // 1970: a damaged date
        + "u,6654362767867265030,6951976455400099081,short row\n"
        + GOOD_ROW);

    assertThat(c.rejects).extracting(Reject::line, Reject::field)
        .containsExactly(
            tuple(2L, "video_id"),
            tuple(3L, "n_plays"),
            tuple(4L, "video_time"),
            tuple(5L, "video_time"),
            tuple(6L, "$"));
    assertThat(c.rejects).extracting(Reject::reason).satisfiesExactly(
        r -> assertThat(r).contains("spreadsheet error value '#N/A'"),
        r -> assertThat(r).contains("spreadsheet error value '#N/A'"),
        r -> assertThat(r).contains("in the future"),
        r -> assertThat(r).contains("before 2000-01-01"),
        r -> assertThat(r).isEqualTo("row has 4 fields, the header has 11"));
    // The future time was not taken as the file's observation time either.
    assertThat(c.snapshots()).extracting(EngagementSnapshot::observedAt)
        .containsExactly(Collected.unix(1618633159));
  }

  @Test
  void aFileCutInsideAQuotedFieldRejectsTheLastRow() throws Exception {
    Collected c = importApi(API_HEADER + GOOD_ROW
        + "u,6654362767867265030,6951976455400099078,\"cut off in the midd");

    assertThat(c.rejects).extracting(Reject::line, Reject::reason)
        .containsExactly(tuple(3L, "the file ends inside a quoted field (truncated row)"));
    assertThat(c.stats.rowsConverted()).isEqualTo(1);
  }

  @Test
  void aHeaderWithoutTheNeededColumnsStopsTheImportNamingThem() throws Exception {
    Path file = dir.resolve("trending_vids.csv");
    Files.writeString(file, "user_name,video_id\nu,1\n");
    assertThatThrownBy(() -> Collected.run("tiktokapi-csv", file))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("not a tiktokapi-csv file")
        .hasMessageContaining("lacks user_id, video_desc, video_time");
  }

  @Test
  void missingInputAndEmptyFolderAreClearErrors() throws Exception {
    assertThatThrownBy(() -> Collected.run("tiktokapi-csv", dir.resolve("nope.csv")))
        .isInstanceOf(ImportException.class).hasMessageContaining("input not found");
    assertThatThrownBy(() -> Collected.run("tiktok-scraper-json", dir))
        .isInstanceOf(ImportException.class).hasMessageContaining("no tiktok-scraper-json files");
  }

  // ---- JSON ----

  private static final String ITEM =
      "{\"id\":\"%s\",\"text\":\"%s\",\"createTime\":1608214517,"
          + "\"authorMeta\":{\"id\":\"6825540583826768902\",\"name\":\"nina\"},"
          + "\"diggCount\":1,\"shareCount\":2,\"playCount\":3,\"commentCount\":4}";

  private static String item(String id, String text) {
    return String.format(ITEM, id, text);
  }

  private Collected importJson(byte[] content) throws Exception {
    Path file = dir.resolve("trending.json");
    Files.write(file, content);
    return Collected.run("tiktok-scraper-json", file);
  }

  private Collected importJson(String content) throws Exception {
    return importJson(content.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void truncatedJsonKeepsTheCompleteItemsAndRejectsTheCutOne() throws Exception {
    String whole = "{\"collector\":[\n" + item("7000000000000000001", "first") + ",\n"
        + item("7000000000000000002", "second") + "\n]}";
    Collected c = importJson(whole.substring(0, whole.length() - 40));

    assertThat(c.posts()).extracting(Post::videoId).containsExactly("7000000000000000001");
    assertThat(c.rejects).extracting(Reject::line, Reject::field, Reject::reason)
        .containsExactly(tuple(3L, "collector[1]", "the file ends inside this item (truncated "
            + "JSON)"));
  }

  @Test
  void aBrokenOrHugeJsonItemCostsOnlyThatItem() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("[".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(item("7000000000000000001", "bad \u00ff").getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes((",\n" + item("7000000000000000002", "z".repeat(10 << 20)) + ",\n"
        + item("7000000000000000003", "fine") + ",\n{\"id\": oops},\n"
        + item("7000000000000000005", "also fine") + "]").getBytes(StandardCharsets.UTF_8));
    Collected c = importJson(out.toByteArray());

    assertThat(c.posts()).extracting(Post::videoId)
        .containsExactly("7000000000000000003", "7000000000000000005");
    assertThat(c.rejects).extracting(Reject::line, Reject::field)
        .containsExactly(tuple(1L, "[0]"), tuple(2L, "[1]"), tuple(4L, "[3]"));
    assertThat(c.rejects).extracting(Reject::reason).satisfiesExactly(
        r -> assertThat(r).contains("not valid JSON", "UTF-8"),
        r -> assertThat(r).contains("over the limit of " + JsonArrayItems.DEFAULT_MAX_ITEM_BYTES),
        r -> assertThat(r).contains("not valid JSON"));
  }

  @Test
  void aFloatMangledJsonIdIsRefusedButAnExactOneIsKept() throws Exception {
    Collected c = importJson("{\"collector\":[" + item("x", "a").replace("\"x\"",
        "6.9123456789e+18") + "," + item("x", "b").replace("\"x\"", "7000000000000000002")
        + "]}");

    assertThat(c.posts()).extracting(Post::videoId).containsExactly("7000000000000000002");
    assertThat(c.rejects).extracting(Reject::field).containsExactly("collector[0].id");
  }

  @Test
  void jsonWithoutTheCollectorArrayIsAClearError() throws Exception {
    assertThatThrownBy(() -> importJson("{\"headers\":{},\"zip\":\"trend\"}"))
        .isInstanceOf(ImportException.class).hasMessageContaining("no 'collector' array");
  }
}
