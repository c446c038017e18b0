package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.enrich.Reenricher;
import io.challengeradar.flink.es.Documents;
import io.challengeradar.flink.model.Engagement;
import io.challengeradar.flink.model.EngagementFeatures;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoPost;
import io.challengeradar.flink.model.VideoSignals;
import io.challengeradar.infra.Ports;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.model.TextEncoderOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code radar reenrich} against a real Elasticsearch (documents seeded as the job writes them
 * while the serving tier is away) and the real serving tier in process.
 */
@ExtendWith(SharedElasticsearch.class)
class ReenrichIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant FROM = Instant.parse("2024-05-01T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(1));
  /** Pending inside [FROM, TO): the ones the command must enrich. */
  private static final int PENDING_IN_RANGE = 8;
  /** The author of {@code veteran-new} (pending, in range) and of earlier, observed videos. */
  private static final String VETERAN = "veteran";
  /** Seeded outside the range, or not pending. */
  private static final int OTHERS = 5;
  /** Smaller than the pending count, so the command pages through search_after. */
  private static final int BATCH = 3;
  private static final String[] CAPTIONS = {
    "stacking milk crates in the yard #milkcrate", "blindfolded driving is wild #birdbox",
    "new dance for the weekend #dance", "my cat steals the show #cats",
  };

  private final ElasticsearchClient es;
  private final String esUrl;

  ReenrichIT(ElasticsearchTestServer server) {
    this.es = server.client();
    this.esUrl = server.url();
  }

  @BeforeEach
  void seed() throws IOException {
    es.indices().delete(d -> d.index(Index.VIDEOS.indexName()).ignoreUnavailable(true));
    BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
    for (int i = 0; i < PENDING_IN_RANGE - 1; i++) {
      add(bulk, video("in-" + i, FROM.plus(Duration.ofMinutes(5L * i)), 2 + i));
    }
    // Outside the range: left pending; at TO exactly, since the range is half open.
    add(bulk, video("before", FROM.minusSeconds(1), 4));
    add(bulk, video("at-end", TO, 4));
    // An author with a track record: two videos posted days before, observed before the pending
    // one was posted, and one posted after it that the pending post must not see.
    add(bulk, observed(video(VETERAN + "-old", FROM.minus(Duration.ofDays(3)), 3), VETERAN,
        FROM.minus(Duration.ofDays(2)), 250_000));
    add(bulk, observed(video(VETERAN + "-older", FROM.minus(Duration.ofDays(6)), 3), VETERAN,
        FROM.minus(Duration.ofDays(4)), 40_000));
    add(bulk, observed(video(VETERAN + "-after", TO.plus(Duration.ofDays(1)), 3), VETERAN,
        TO.plus(Duration.ofDays(2)), 9_000_000));
    add(bulk, byAuthor(video(VETERAN + "-new", FROM.plus(Duration.ofMinutes(30)), 2), VETERAN));
    BulkResponse r = es.bulk(bulk.build());
    assertThat(r.errors()).as("seed documents must fit the strict template: %s",
        r.items().stream().filter(i -> i.error() != null).map(i -> i.error().reason()).toList())
        .isFalse();
  }

  @Test
  void enrichesEveryPendingVideoInTheRangeOnceAndKeepsItsVersion() throws Exception {
    ServingNode serving = ServingNode.start(ServingNode.Options.from(
        ServingSettings.onAFreePort(store(), djlCache()).with(ServingSettings.THREADS, 4, "test"),
        store()));
    StringWriter out = new StringWriter();
    int exit;
    try {
      exit = reenrich(out, "http://127.0.0.1:" + serving.port());
    } finally {
      serving.close();
    }

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString()).contains("found " + PENDING_IN_RANGE + " pending",
        "enriched " + PENDING_IN_RANGE, "raced with the job 0", "failed 0", "still pending 0");
    Map<String, Hit<ObjectNode>> videos = videos();
    assertThat(videos).hasSize(PENDING_IN_RANGE + OTHERS);
    for (int i = 0; i < PENDING_IN_RANGE - 1; i++) {
      Hit<ObjectNode> hit = videos.get("in-" + i);
      ObjectNode v = hit.source();
      assertThat(v.get("pendingEnrichment").asBoolean()).as(hit.id()).isFalse();
      assertThat(v.get("embedding")).as(hit.id()).hasSize(384);
      // The build's store serves the text encoder serving.text-model chooses.
      assertThat(v.get("embeddingModel").asText())
          .isEqualTo(TextEncoderOptions.defaults().modelName() + "/1");
      assertThat(v.hasNonNull("enrichedAt")).isTrue();
      // Above every version the job writes, so no later snapshot undoes the answer; the field
      // keeps the job's count of events.
      assertThat(hit.version()).as(hit.id()).isEqualTo(Reenricher.VERSION_OFFSET + 2L + i);
      assertThat(v.get("version").asLong()).isEqualTo(2L + i);
      assertThat(v.get("caption").asText()).isEqualTo(CAPTIONS[i % CAPTIONS.length]);
      // Their authors' other videos were never observed: the post-only head, as in the job.
      // The build's store serves virality/2 or a later trained version, all with two heads.
      assertThat(v.get("viralityModel").asText()).startsWith("virality/");
      assertThat(v.get("viralityHead").asText()).as(hit.id()).isEqualTo("post-only");
    }
    ObjectNode veteran = videos.get(VETERAN + "-new").source();
    assertThat(veteran.get("pendingEnrichment").asBoolean()).isFalse();
    assertThat(veteran.get("viralityHead").asText())
        .as("the author's earlier videos, observed before the post, went with it")
        .isEqualTo("author-history");
    assertThat(videos.get("before").source().get("pendingEnrichment").asBoolean()).isTrue();
    assertThat(videos.get("at-end").source().get("pendingEnrichment").asBoolean()).isTrue();

    StringWriter again = new StringWriter();
    assertThat(reenrich(again, "http://127.0.0.1:1")).as("nothing left, no call needed").isZero();
    assertThat(again.toString()).contains("found 0 pending", "enriched 0", "still pending 0");
  }

  @Test
  void exitsNonZeroAndLeavesEveryVideoPendingWhenTheServingTierIsDown() throws Exception {
    StringWriter out = new StringWriter();
    int exit = reenrich(out, "http://127.0.0.1:" + Ports.anyFree());

    assertThat(exit).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("found " + PENDING_IN_RANGE + " pending", "enriched 0",
        "failed " + PENDING_IN_RANGE, "still pending " + PENDING_IN_RANGE);
    Map<String, Hit<ObjectNode>> videos = videos();
    assertThat(videos).hasSize(PENDING_IN_RANGE + OTHERS);
    assertThat(videos.values()).allSatisfy(hit -> {
      assertThat(hit.source().get("pendingEnrichment").asBoolean()).as(hit.id()).isTrue();
      assertThat(hit.source().hasNonNull("embedding")).isFalse();
      assertThat(hit.version()).isEqualTo(hit.source().get("version").asLong());
    });
  }

  private int reenrich(StringWriter out, String servingUrl) {
    CommandLine cli = Radar.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    return cli.execute("reenrich", "--from", FROM.toString(), "--to", TO.toString(),
        "--es", esUrl, "--serving", servingUrl, "--batch", "" + BATCH);
  }

  private static VideoDocument video(String id, Instant createdAt, long version) {
    int n = Math.floorMod(id.hashCode(), CAPTIONS.length);
    String caption = id.startsWith("in-")
        ? CAPTIONS[Integer.parseInt(id.substring(3)) % CAPTIONS.length] : CAPTIONS[n];
    VideoPost post = new VideoPost(id, "author-" + n, "@author" + n, createdAt, caption,
        new String[] {"challenge"}, "m" + n, 15, 1_000L * (n + 1), "en", "US");
    // Posted and waiting for its enrichment; the versions say how many events came before.
    return new VideoDocument(post, Engagement.NONE, EngagementFeatures.NONE, (int) version - 1,
        version, createdAt, VideoSignals.PENDING);
  }

  private static VideoDocument byAuthor(VideoDocument d, String author) {
    VideoPost p = d.post();
    return new VideoDocument(new VideoPost(p.videoId(), author, "@" + author, p.createdAt(),
        p.caption(), p.hashtags(), p.musicId(), p.durationSec(), p.followerCount(), p.language(),
        p.region()), d.engagement(), d.features(), d.snapshots(), d.version(), d.updatedAt(),
        d.signals());
  }

  /** {@code d} by {@code author}, with one snapshot of {@code views} at {@code at}. */
  private static VideoDocument observed(VideoDocument d, String author, Instant at, long views) {
    VideoDocument by = byAuthor(d, author);
    Engagement seen = new Engagement(at, views, views / 10, views / 100, views / 200, null, views,
        views / 10, views / 100, views / 200);
    return new VideoDocument(by.post(), seen, by.features(), 1, by.version(), at, by.signals());
  }

  /** As the job writes: the document's version as the external version. */
  private static void add(BulkRequest.Builder bulk, VideoDocument d) throws IOException {
    ObjectNode json = (ObjectNode) JSON.readTree(Documents.json(d));
    bulk.operations(o -> o.index(x -> x.index(Index.VIDEOS.indexName()).id(d.id())
        .version(d.version()).versionType(VersionType.External).document(json)));
  }

  private Map<String, Hit<ObjectNode>> videos() throws IOException {
    es.indices().refresh(r -> r.index(Index.VIDEOS.indexName()));
    Map<String, Hit<ObjectNode>> out = new LinkedHashMap<>();
    es.search(s -> s.index(Index.VIDEOS.indexName()).size(100).version(true), ObjectNode.class)
        .hits().hits().forEach(h -> out.put(h.id(), h));
    return out;
  }

  private static Path store() {
    return Path.of(System.getProperty("radar.serving.store", "../serving/target/model-store"))
        .toAbsolutePath();
  }

  private static Path djlCache() {
    return store().resolveSibling("djl-cache");
  }
}
