package io.challengeradar.flink;

import static io.challengeradar.flink.TestEvents.line;
import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.DeadLetterFields;
import io.challengeradar.contract.Index;
import io.challengeradar.core.event.CodecOptions;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Ids;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of bad input, replayed from an NDJSON file at parallelism 2 into the real
 * Elasticsearch: each line ends as exactly one event applied to a video or one dead letter, and a
 * second run over the same file changes nothing. The jobs run without restarts (any failure fails
 * the test), so "no input can crash-loop the job" is what passes here.
 */
@ExtendWith(SharedElasticsearch.class)
class BadInputIT {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  /** Over the 32766-byte limit of one keyword term: the codec takes it, the index does not. */
  static final String IMMENSE_HANDLE = "h".repeat(40_000);

  /** A tag of exactly the codec's byte limit, in three-byte characters. */
  static final String EUROS = "\u20ac".repeat(CodecOptions.DEFAULT_MAX_HASHTAG_BYTES / 3);

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  BadInputIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  /** Twelve good videos (post and two snapshots each) with one of each kind of bad input. */
  static List<String> input() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String v = "v" + i;
      long t = i * 10L;
      lines.add(line(post(v, "a" + i, minutes(t), i % 2 == 0 ? "m1" : null, "dance")));
      if (i == 5) {
        // Out of order, within the allowed lateness: the later snapshot comes first, the older
        // one is then counted but changes nothing.
        lines.add(line(snapshot(v, minutes(t + 8), 800)));
        lines.add(line(snapshot(v, minutes(t + 4), 400)));
      } else {
        lines.add(line(snapshot(v, minutes(t + 4), 400)));
        lines.add(line(snapshot(v, minutes(t + 8), 800)));
      }
    }
    // A snapshot before its post (waits, then applies), a post out of order by five minutes.
    lines.add(line(snapshot("early", minutes(121), 30)));
    lines.add(line(post("early", "a-early", minutes(116), null, "dance")));
    // Duplicates (recent enough not to be late): the same post and the same snapshot again.
    lines.add(line(post("early", "a-early", minutes(116), null, "dance")));
    lines.add(line(snapshot("v11", minutes(118), 800)));
    // Invalid: malformed JSON, a missing field, a negative count.
    lines.add("{not json");
    lines.add("{\"type\":\"post\",\"videoId\":\"x1\",\"createdAt\":\"2024-03-01T02:00:00Z\","
        + "\"caption\":\"\",\"hashtags\":[],\"musicId\":null,\"durationSec\":null}");
    lines.add("{\"type\":\"engagement\",\"videoId\":\"v1\",\"observedAt\":"
        + "\"2024-03-01T02:00:00Z\",\"views\":-5,\"likes\":0,\"comments\":0,\"shares\":0}");
    // Late: far behind the watermark.
    lines.add(line(post("late", "a-late", minutes(5), null, "dance")));
    // Valid for the codec, refused by Elasticsearch (a keyword term over 32766 bytes).
    lines.add(line(post("immense", "a-immense", minutes(122), null, "dance")
        .withAuthorHandle(IMMENSE_HANDLE)));
    // Hostile input, refused by the codec (invalid) before it can build an id over Elasticsearch's
    // 512 bytes or a dead letter over the sink's record limit: a 600-byte tag, a three-byte-per-
    // character tag one byte over the limit, a 70 KB tag (an id over 64 KB would break the
    // sink state's writeUTF), a post with 5,000 tags, a line of 900,000 NULs.
    lines.add(line(post("longtag", "a-long", minutes(122), null, "x".repeat(600))));
    lines.add(line(post("hugetag", "a-huge", minutes(122), null, "y".repeat(70_000))));
    lines.add(line(post("wide-over", "a-wide", minutes(122), null, EUROS + "\u20ac")));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      many.add("t" + i);
    }
    lines.add(line(post("many", "a-many", minutes(122), null, many.toArray(new String[0]))));
    lines.add("\u0000".repeat(900_000));
    // A multi-byte tag at the limit is applied: its window, stage and alert ids stay bounded.
    lines.add(line(post("wide", "a-wide", minutes(122), null, EUROS, "dance")));
    // Never posted: dead-lettered as an orphan when the input ends.
    lines.add(line(snapshot("ghost", minutes(123), 5)));
    return lines;
  }

  @Test
  void everyLineIsAppliedOrDeadLetteredExactlyOnceAndAReplayChangesNothing() throws Exception {
    contents.clear();
    Path dir = Files.createDirectories(Path.of("target", "bad-input-it"));
    Path file = dir.resolve("events.ndjson").toAbsolutePath();
    List<String> lines = input();
    Files.write(file, lines, StandardCharsets.UTF_8);

    run(file);
    Map<String, ObjectNode> videos = contents.documents(Index.VIDEOS.indexName());
    Map<String, ObjectNode> deadLetters = contents.documents(Index.DEADLETTER.indexName());

    long applied = videos.values().stream().mapToLong(v -> v.get("version").asLong()).sum();
    assertThat(applied + deadLetters.size()).isEqualTo(lines.size());
    assertThat(videos).hasSize(14)
        .doesNotContainKeys("immense", "late", "ghost", "x1", "longtag", "hugetag", "wide-over",
            "many");
    assertThat(videos.get("wide").get("version").asLong()).isEqualTo(1);
    assertThat(videos.get("v5").get("snapshots").asInt()).isEqualTo(2);
    assertThat(videos.get("v5").get("views").asLong()).isEqualTo(800);
    assertThat(videos.get("early").get("version").asLong()).isEqualTo(2);
    Map<String, Long> reasons = deadLetters.values().stream().collect(
        Collectors.groupingBy(d -> d.get("reason").asText(), Collectors.counting()));
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
        DeadLetter.REASON_INVALID, 8L,
        DeadLetter.REASON_DUPLICATE, 2L,
        DeadLetter.REASON_LATE, 1L,
        DeadLetter.REASON_ORPHAN_SNAPSHOT, 1L,
        DeadLetter.REASON_REJECTED, 1L));
    assertThat(deadLetters.values())
        .filteredOn(d -> !d.get("reason").asText().equals(DeadLetter.REASON_REJECTED))
        .allSatisfy(d -> {
          assertThat(d.at("/origin/kind").asText()).isEqualTo(Origin.FILE);
          assertThat(d.at("/origin/name").asText()).isEqualTo(file.toString());
        })
        .extracting(d -> d.at("/origin/position").asLong())
        .doesNotHaveDuplicates()
        .allSatisfy(line -> assertThat(line).isBetween(1L, (long) lines.size()));
    ObjectNode rejected = deadLetters.values().stream()
        .filter(d -> d.get("reason").asText().equals(DeadLetter.REASON_REJECTED))
        .findFirst().orElseThrow();
    assertThat(rejected.at("/origin/name").asText()).isEqualTo("radar-videos/immense");
    assertThat(rejected.get("detail").asText())
        .startsWith("400 document_parsing_exception").contains("[authorHandle]");

    Map<String, Map<String, JsonNode>> all = contents.comparable();
    assertThat(all.values()).flatMap(Map::keySet)
        .allSatisfy(id -> assertThat(id.getBytes(StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(Ids.MAX_BYTES));
    assertThat(all.values()).flatMap(Map::keySet).anyMatch(id -> id.contains(EUROS));
    assertThat(deadLetters.values())
        .filteredOn(d -> d.at("/field").asText().equals("hashtags[0]"))
        .extracting(d -> d.get("detail").asText())
        .allSatisfy(detail -> assertThat(detail).startsWith("hashtag too long"))
        .hasSize(3);
    assertThat(deadLetters.values())
        .extracting(d -> d.get("raw").asText().length())
        .allSatisfy(n -> assertThat(n).isLessThan(DeadLetter.MAX_RAW_CHARS + 100));

    // A replay of the same file (a new job, as after a lost checkpoint) rewrites the same ids.
    Map<String, Map<String, JsonNode>> first = contents.comparable();
    run(file);
    assertThat(contents.comparable()).isEqualTo(first);
  }

  /**
   * A live stream's hour or two: 1,000 normal events (250 videos, a post and three snapshots
   * each, up to half an hour ago), one post stamped 20 hours ahead of the clock in their middle,
   * and a flood of 10,000 copies of one post. The future post is dead-lettered as {@code future}
   * and moves no watermark, so no normal event is late; every copy is a {@code duplicate}.
   */
  static List<String> liveStreamWithAFutureEventAndAFlood(Instant now) {
    Instant base = now.truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
    TreeMap<Instant, List<String>> timeline = new TreeMap<>();
    String floodedPost = null;
    for (int i = 0; i < LIVE_VIDEOS; i++) {
      String v = "live" + i;
      Instant posted = base.plusSeconds(30L * i);
      String post = line(post(v, "a" + (i % 40), posted, i % 3 == 0 ? "m1" : null, "dance",
          "tag" + (i % 7)));
      add(timeline, posted, post);
      if (i == LIVE_VIDEOS / 2) {
        floodedPost = post;
      }
      for (int m : new int[] {5, 10, 20}) {
        Instant observed = posted.plus(Duration.ofMinutes(m));
        add(timeline, observed, line(snapshot(v, observed, 100L * m)));
      }
    }
    List<String> lines = new ArrayList<>();
    timeline.values().forEach(lines::addAll);
    // The copies follow their post at once, so they are within the lateness: duplicates.
    int middle = lines.indexOf(floodedPost);
    List<String> flood = new ArrayList<>(FLOOD);
    for (int i = 0; i < FLOOD; i++) {
      flood.add(floodedPost);
    }
    lines.addAll(middle + 1, flood);
    lines.add(middle, line(post("future", "a-future", now.plus(Duration.ofHours(20)), null,
        "dance")));
    return lines;
  }

  static final int LIVE_VIDEOS = 250;
  static final int FLOOD = 10_000;

  private static void add(TreeMap<Instant, List<String>> timeline, Instant at, String line) {
    timeline.computeIfAbsent(at, t -> new ArrayList<>()).add(line);
  }

  @Test
  void aFutureEventAndAFloodOfDuplicatesAreDeadLetteredWithoutMakingAnyEventLate()
      throws Exception {
    contents.clear();
    Path dir = Files.createDirectories(Path.of("target", "bad-input-it"));
    Path file = dir.resolve("live.ndjson").toAbsolutePath();
    List<String> lines = liveStreamWithAFutureEventAndAFlood(Instant.now());
    assertThat(lines).hasSize(4 * LIVE_VIDEOS + 1 + FLOOD);
    Files.write(file, lines, StandardCharsets.UTF_8);
    int futureLine = lines.indexOf(lines.stream().filter(l -> l.contains("\"future\""))
        .findFirst().orElseThrow()) + 1;

    run(file);

    Map<String, ObjectNode> videos = contents.documents(Index.VIDEOS.indexName());
    assertThat(videos).hasSize(LIVE_VIDEOS).doesNotContainKey("future");
    assertThat(videos.values()).allSatisfy(v -> assertThat(v.get("snapshots").asInt())
        .as("every snapshot applied, none late").isEqualTo(3));
    Map<String, Long> reasons = deadLettersByReason();
    assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
        DeadLetter.REASON_FUTURE, 1L,
        DeadLetter.REASON_DUPLICATE, (long) FLOOD));
    assertThat(EsContents.appliedEvents(videos.values())
        + reasons.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(lines.size());
    ObjectNode future = es.client().search(s -> s.index(Index.DEADLETTER.indexName())
        .query(q -> q.term(t -> t.field(DeadLetterFields.REASON)
            .value(DeadLetter.REASON_FUTURE))), ObjectNode.class)
        .hits().hits().get(0).source();
    assertThat(future.get("stage").asText()).isEqualTo(DeadLetter.STAGE_WATERMARK);
    assertThat(future.get("field").asText()).isEqualTo("createdAt");
    assertThat(future.at("/origin/position").asLong()).isEqualTo(futureLine);
    assertThat(future.get("detail").asText()).contains("watermark.max-future-skew");
  }

  private Map<String, Long> deadLettersByReason() throws java.io.IOException {
    es.client().indices().refresh(r -> r.index(Index.DEADLETTER.indexName()));
    var response = es.client().search(s -> s.index(Index.DEADLETTER.indexName()).size(0)
        .aggregations("reasons", a -> a.terms(t -> t.field(DeadLetterFields.REASON).size(50))),
        Void.class);
    Map<String, Long> byReason = new TreeMap<>();
    response.aggregations().get("reasons").sterms().buckets().array()
        .forEach(b -> byReason.put(b.key().stringValue(), b.docCount()));
    return byReason;
  }

  /** Runs the job over {@code file} to its end; with restarts off, any failure fails the test. */
  private void run(Path file) throws Exception {
    Configuration noRestarts = new Configuration();
    noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(noRestarts);
    env.setParallelism(2);
    ItPipelines.intoElasticsearch(es.url())
        .sources(PipelineSources.files(List.of(file)))
        .build()
        .execute(env, "bad-input-it");
  }
}
