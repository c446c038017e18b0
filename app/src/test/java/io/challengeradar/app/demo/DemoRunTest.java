package io.challengeradar.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.app.demo.AlertReport.ScenarioCheck;
import io.challengeradar.app.demo.DemoRequest.Generated;
import io.challengeradar.app.demo.DemoRequest.Imported;
import io.challengeradar.app.demo.DemoRequest.Input;
import io.challengeradar.app.demo.DemoRequest.Replayed;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.flink.results.PipelineResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's pieces that need no server: its input, and the summary scripts read. */
class DemoRunTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One good row (a post and its snapshot) and one whose id a spreadsheet mangled. */
  private static final String TIKTOK_CSV = """
      user_name,user_id,video_id,video_desc,video_time,video_length,video_link,n_likes,n_shares,n_comments,n_plays
      dancer,6654362767867265030,6951976455400099077,dance #DuetChallenge,1618633159,9,https://www.tiktok.com/@dancer/video/6951976455400099077,1.2K,5,6,"1,234"
      broken,6654362767867265031,6.951976455400099e+18,lost digits,1618633160,9,https://www.tiktok.com/@broken/video/x,1,2,3,4
      """;

  /** Every key the summary JSON had before it became a type; README, docs and DemoIT read them. */
  private static final List<String> ALL_KEYS = List.of("source", "kafka", "enrichment_waited",
      "reenriched", "input_events", "indexed", "dead_lettered", "rejected", "documents_refused",
      "videos", "hashtag_windows", "sound_windows", "hashtags", "alerts", "enriched_videos",
      "pending_enrichment", "embeddings", "participation_predictions", "parallelism",
      "elasticsearch", "elapsed_ms", "challenges_alerted", "challenges_missed", "ordinary_alerted", "api",
      "challenges_with_predictions", "first_alert_ms");

  @TempDir Path work;

  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

  @Test
  void generatedEventsCarryTheirScenarioAndEveryLineIsCounted() throws Exception {
    DemoEvents events = DemoEvents.prepare(new Generated(7, 200), work, log);

    assertThat(events.file()).isEqualTo(work.resolve("events.ndjson"));
    // Each post comes with its engagement snapshots, so there are more lines than posts.
    assertThat(events.lines()).isEqualTo(Files.readAllLines(events.file()).size())
        .isGreaterThan(200);
    assertThat(events.rejected()).isZero();
    assertThat(events.scenario().challenges()).isNotEmpty();
    assertThat(events.source()).isEqualTo("generator seed 7, 200 posts");
  }

  @Test
  void anImportCountsItsRejectedRowsApartAndStreamsInEventTimeOrder() throws Exception {
    Path csv = Files.writeString(work.resolve("trending_vids.csv"), TIKTOK_CSV);

    DemoEvents events = DemoEvents.prepare(new Imported("tiktokapi-csv", csv), work, log);

    assertThat(events.lines()).isEqualTo(2);
    assertThat(events.rejected()).isEqualTo(1);
    assertThat(Files.readAllLines(work.resolve("events.ndjson.rejects.ndjson"))).singleElement()
        .satisfies(r -> assertThat(r).contains("\"field\":\"video_id\""));
    assertThat(events.scenario()).isNull();
    assertThat(events.source()).isEqualTo("import tiktokapi-csv " + csv);
    EventCodec codec = EventCodec.withDefaults();
    List<Instant> times = new ArrayList<>();
    for (String line : Files.readAllLines(events.file())) {
      times.add(codec.decode(line).eventTime());
    }
    assertThat(times).isSorted();
    assertThat(logged.toString(StandardCharsets.UTF_8)).contains("1 rejected");
  }

  @Test
  void aReplayIsReadAsItIsInvalidLinesIncluded() throws Exception {
    Path file = work.resolve("given.ndjson");
    Files.write(file, new byte[] {'{', '}', '\n', '{', '"', (byte) 0xC3, '"', '}', '\n'});

    DemoEvents events = DemoEvents.prepare(new Replayed(file), work, log);

    assertThat(events.file()).isEqualTo(file);
    assertThat(events.lines()).isEqualTo(2);
    assertThat(events.source()).isEqualTo("replay " + file);
  }

  @Test
  void theFlagsNameTheInputOrSayWhatIsWrong() throws Exception {
    Path file = Files.writeString(work.resolve("e.ndjson"), "");

    assertThat(Input.of(null, null, 42, 100)).isEqualTo(new Generated(42, 100));
    assertThat(Input.of(file, "ndjson", 42, 100)).isEqualTo(new Replayed(file));
    assertThat(Input.of(file, "tiktokapi-csv", 42, 100))
        .isEqualTo(new Imported("tiktokapi-csv", file));
    assertThatThrownBy(() -> Input.of(file, null, 42, 100))
        .hasMessageContaining("--data and --format go together");
    assertThatThrownBy(() -> Input.of(work.resolve("missing"), "ndjson", 42, 100))
        .hasMessageContaining("--data not found");
    assertThatThrownBy(() -> Input.of(file, "tiktok", 42, 100))
        .hasMessageContaining("unknown import format 'tiktok'");
  }

  @Test
  void theSummaryWritesEveryKeyOfAFullRun() throws Exception {
    JsonNode json = JSON.readTree(full(counts(100, 97, 2, 1)).toJson());

    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactlyInAnyOrderElementsOf(ALL_KEYS);
    assertThat(json.get("input_events").asLong()).isEqualTo(100);
    assertThat(json.get("indexed").asLong()).isEqualTo(97);
    assertThat(json.get("dead_lettered").asLong()).isEqualTo(2);
    assertThat(json.get("rejected").asLong()).isEqualTo(1);
    assertThat(json.get("reenriched").asLong()).isEqualTo(4);
    assertThat(json.get("challenges_missed")).hasSize(1);
    assertThat(json.get("challenges_missed").get(0).asText()).isEqualTo("#missed");
    assertThat(json.get("parallelism").asInt()).isEqualTo(2);
  }

  @Test
  void theSummaryLeavesOutWhatDidNotRun() throws Exception {
    DemoSummary pipelineOnly = new DemoSummary("replay x", null, counts(3, 2, 1, 0), null, null,
        null, null, 1, "http://127.0.0.1:9200", 5, null);

    JsonNode json = JSON.readTree(pipelineOnly.toJson());

    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("source", "input_events", "indexed", "dead_lettered",
        "rejected", "documents_refused", "videos", "hashtag_windows", "sound_windows", "hashtags",
        "alerts", "parallelism", "elasticsearch", "elapsed_ms");
    assertThat(pipelineOnly.toMap().keySet()).containsExactlyElementsOf(keys);
  }

  @Test
  void reenrichedIsLeftOutWhenNothingWasPendingAfterTheJob() throws Exception {
    DemoSummary nothingPending = new DemoSummary("generator seed 42, 100 posts", null,
        counts(100, 97, 2, 1), new DemoSummary.Enrichment(0, null, 10, 0, 10, 7), null, null, null,
        2, "http://127.0.0.1:9200", 1234, null);

    JsonNode json = JSON.readTree(nothingPending.toJson());

    assertThat(json.has("reenriched")).isFalse();
    assertThat(json.get("enriched_videos").asLong()).isEqualTo(10);
  }

  @Test
  void countsAddUpOnlyWhenEveryInputEventIsAccountedForOnce() {
    assertThat(full(counts(100, 97, 2, 1)).countsAddUp()).isTrue();
    assertThat(full(counts(100, 96, 2, 1)).countsAddUp()).as("one event lost").isFalse();
    assertThat(full(counts(100, 98, 2, 1)).countsAddUp()).as("one counted twice").isFalse();
  }

  @Test
  void countsTakeThePipelinesResultsAndAddTheRejectedRowsToTheInput() {
    PipelineResults results = new PipelineResults(97, 2, 3, 40, 11, 5, 8, 6, List.of());

    DemoSummary.Counts c = DemoSummary.Counts.of(99, 1, results);

    assertThat(c).isEqualTo(new DemoSummary.Counts(100, 97, 2, 1, 3, 40, 11, 5, 8, 6));
    assertThat(c.addUp()).isTrue();
  }

  private static DemoSummary.Counts counts(long input, long indexed, long deadLettered,
      long rejected) {
    return new DemoSummary.Counts(input, indexed, deadLettered, rejected, 0, 10, 4, 2, 3, 1);
  }

  private static DemoSummary full(DemoSummary.Counts counts) {
    return new DemoSummary("generator seed 42, 100 posts", "127.0.0.1:19092", counts,
        new DemoSummary.Enrichment(5, 4L, 10, 0, 10, 7),
        new ScenarioCheck(List.of("#hit"), List.of("#missed"), List.of()),
        "http://127.0.0.1:8080", 1L, 2, "http://127.0.0.1:9200", 1234, 800L);
  }
}
