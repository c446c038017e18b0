package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.app.demo.DemoRun;
import io.challengeradar.contract.Index;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.infra.RunningPlatform;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code radar demo --until-done} against the real Elasticsearch it starts itself, through the
 * same command line a user runs.
 */
class DemoIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void wholeSystemAlertsChallengesEnrichesEveryPostAndPredictsParticipants() throws Exception {
    Path summaryFile = tmp.resolve("s.json");
    int port = Ports.anyFree();

    // The demo's defaults (seed 3, 4,000 posts, video writes coalesced), as a fresh clone runs it.
    int exit = Radar.commandLine().execute("demo", "--until-done",
        "--port", String.valueOf(port), "--serving-port", String.valueOf(Ports.anyFree()),
        "--api-port", String.valueOf(Ports.anyFree()), "--summary", summaryFile.toString());

    assertThat(exit).isZero();
    JsonNode s = JSON.readTree(summaryFile.toFile());
    // Every generated event is in Elasticsearch once, applied to its video: none rejected by
    // the import, none dead-lettered, none refused by a template.
    long input = s.get("input_events").asLong();
    assertThat(input).isGreaterThan(4000);
    assertThat(s.get("indexed").asLong()).isEqualTo(input);
    assertThat(s.get("dead_lettered").asLong()).isZero();
    assertThat(s.get("rejected").asLong()).isZero();
    assertThat(s.get("documents_refused").asLong()).isZero();
    assertThat(s.get("videos").asLong()).isEqualTo(4000);
    assertThat(s.get("hashtag_windows").asLong()).isPositive();
    // With the job's defaults, seed 3 at 4,000 posts flags all 8 of its challenges and no
    // ordinary tag (measured with GeneratorDetection 3 3 4000; docs/detection.md has the
    // figures at 20,000 posts).
    List<String> alerted = texts(s.get("challenges_alerted"));
    assertThat(alerted).hasSize(8);
    assertThat(texts(s.get("challenges_missed"))).isEmpty();
    assertThat(texts(s.get("ordinary_alerted"))).isEmpty();
    assertThat(s.get("alerts").asLong()).isGreaterThanOrEqualTo(alerted.size());
    // The serving tier ran as its own process: every post ends enriched, none waits.
    assertThat(s.get("enriched_videos").asLong()).isEqualTo(4000);
    assertThat(s.get("pending_enrichment").asLong()).isZero();
    // Each enriched video's vector is written once, to its own index.
    assertThat(s.get("embeddings").asLong()).isEqualTo(4000);
    // The build ships default heads, so flagged challenges get likely participants, and only
    // flagged ones. Which of them have candidates depends on how many posts were enriched in
    // time (on a busy machine most wait for the re-enrichment at the end), so not each one.
    long predictions = s.get("participation_predictions").asLong();
    assertThat(predictions).isPositive();
    // The closing table was asked of the query API, a process of its own.
    assertThat(s.get("api").asText()).startsWith("http://127.0.0.1:");
    assertThat(s.get("challenges_with_predictions").asLong()).isPositive();
    // The demo stopped its Elasticsearch; start the same data folder again to read what it wrote.
    try (RunningPlatform platform = LocalPlatform.start(
        DemoRun.platformOptions(RadarHome.resolve(), port), System.err)) {
      Map<String, Long> scored = predictionsByChallenge(platform);
      assertThat(scored.values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(predictions);
      assertThat(scored.keySet()).filteredOn(c -> c.startsWith("hashtag:")).isNotEmpty()
          .allSatisfy(c -> assertThat(c.substring("hashtag:".length())).isIn(alerted));
      assertThat(s.get("challenges_with_predictions").asLong())
          .isLessThanOrEqualTo(scored.size());
    }
  }

  /** Participation predictions in Elasticsearch by challenge ({@code kind:tag}). */
  private static Map<String, Long> predictionsByChallenge(RunningPlatform platform)
      throws Exception {
    SearchResponse<Void> r = platform.client().search(q -> q.index("radar-participation").size(0)
        .aggregations("challenges", a -> a.terms(t -> t.field("challenge").size(100))),
        Void.class);
    Map<String, Long> out = new TreeMap<>();
    r.aggregations().get("challenges").sterms().buckets().array()
        .forEach(b -> out.put(b.key().stringValue(), b.docCount()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void kafkaReplayThroughALocalBrokerAccountsForEveryEvent() throws Exception {
    Path summaryFile = tmp.resolve("s.json");

    int exit = Radar.commandLine().execute("demo", "--until-done", "--kafka", "--posts", "1000",
        "--port", String.valueOf(Ports.anyFree()), "--kafka-port", String.valueOf(Ports.anyFree()),
        "--without-serving", "--summary", summaryFile.toString());

    assertThat(exit).isZero();
    JsonNode s = JSON.readTree(summaryFile.toFile());
    assertThat(s.get("kafka").asText()).isNotEmpty();
    assertThat(s.get("indexed").asLong()).isEqualTo(s.get("input_events").asLong());
    assertThat(s.get("dead_lettered").asLong()).isZero();
    assertThat(s.get("videos").asLong()).isEqualTo(1000);
  }

  @Test
  void badLinesAreDeadLetteredWithFieldAndReasonAndNothingIsLost() throws Exception {
    String post = """
        {"type":"post","videoId":"v1","authorId":"a1","createdAt":"2021-03-01T10:00:00Z",\
        "caption":"hi #Dance","hashtags":["Dance"],"musicId":null,"durationSec":12}""";
    String snapshot = """
        {"type":"engagement","videoId":"v1","observedAt":"2021-03-01T11:00:00Z",\
        "views":10,"likes":1,"comments":0,"shares":0}""";
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    for (String line : List.of(
        post,
        snapshot,
        post, // a duplicate: dead-lettered, still one video document
        "{\"type\":\"post\",\"videoId\":", // truncated JSON
        snapshot.replace(",\"shares\":0", ""), // missing field
        snapshot.replace("\"likes\":1", "\"likes\":-1"), // negative count
        "", // blank line
        "{\"type\":\"post\",\"caption\":\"" + "x".repeat(2 << 20) + "\"}")) { // over 1 MiB
      file.write(line.getBytes(StandardCharsets.UTF_8));
      file.write('\n');
    }
    file.write(new byte[] {'{', '"', (byte) 0xC3, '"', '}', '\n'}); // invalid UTF-8
    Path events = Files.write(tmp.resolve("bad.ndjson"), file.toByteArray());
    Path summaryFile = tmp.resolve("s.json");
    int port = Ports.anyFree();

    int exit = Radar.commandLine().execute("demo", "--until-done", "--data", events.toString(),
        "--format", "ndjson", "--port", String.valueOf(port), "--without-serving",
        "--summary", summaryFile.toString());

    assertThat(exit).isZero();
    JsonNode s = JSON.readTree(summaryFile.toFile());
    assertThat(s.get("input_events").asLong()).isEqualTo(9);
    assertThat(s.get("indexed").asLong()).isEqualTo(2);
    assertThat(s.get("dead_lettered").asLong()).isEqualTo(7);
    assertThat(s.get("videos").asLong()).isEqualTo(1);
    assertThat(s.get("documents_refused").asLong()).isZero();
  }

  @Test
  void deadLettersSayWhichLineAndFieldFailedAndWhy() throws Exception {
    String missingShares = """
        {"type":"engagement","videoId":"v1","observedAt":"2021-03-01T11:00:00Z",\
        "views":10,"likes":1,"comments":0}""";
    Path events = Files.writeString(tmp.resolve("one-bad.ndjson"), missingShares + "\n");
    int port = Ports.anyFree();
    int exit = Radar.commandLine().execute("demo", "--until-done", "--data", events.toString(),
        "--format", "ndjson", "--port", String.valueOf(port), "--without-serving");
    assertThat(exit).isZero();

    // The demo stopped its Elasticsearch; start the same data folder again to read what it wrote.
    try (RunningPlatform platform = LocalPlatform.start(
        DemoRun.platformOptions(RadarHome.resolve(), port), System.err)) {
      SearchResponse<JsonNode> response =
          platform.client().search(r -> r.index(Index.DEADLETTER.indexName()), JsonNode.class);
      assertThat(response.hits().hits()).hasSize(1);
      JsonNode doc = response.hits().hits().get(0).source();
      assertThat(doc.get("field").asText()).isEqualTo("shares");
      assertThat(doc.get("reason").asText()).isEqualTo("invalid");
      assertThat(doc.get("detail").asText()).isEqualTo("required field is missing");
      assertThat(doc.get("stage").asText()).isEqualTo("parse");
      assertThat(doc.at("/origin/name").asText()).endsWith("one-bad.ndjson");
      assertThat(doc.at("/origin/position").asLong()).isEqualTo(1);
      assertThat(doc.get("raw").asText()).isEqualTo(missingShares);
    }
  }
}
