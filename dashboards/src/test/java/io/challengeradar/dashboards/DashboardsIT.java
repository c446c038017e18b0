package io.challengeradar.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.contract.Index;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.StateBackendSettings;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboards against a real Elasticsearch holding a small generated run of the real job (no
 * serving tier: risk and participation stay empty): every field a panel names exists with the
 * type its use needs; every Vega query, filled as Kibana fills it, runs and returns rows, and the
 * spec with those rows inlined renders headless to SVG and PNG; every Lens layer, translated to
 * the aggregation it stands for, runs (the lower-fidelity check). {@code -Dradar.dashboards.images
 * =DIR} copies the PNGs there (how docs/images/dashboards/ is made).
 */
@ExtendWith(SharedElasticsearch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = 42;
  private static final int POSTS = 3_000;
  /** The data views the generated run fills without a serving tier. */
  private static final Set<String> FILLED = Set.of("radar-hashtag-windows",
      "radar-sound-windows", "radar-challenge-alerts", "radar-hashtags", "radar-videos");
  /** What only the serving tier writes: the run without one leaves these empty. */
  private static final Set<String> SERVING_FIELDS = Set.of("risk", "nearestHarmful",
      "probability");
  private static final String DETAIL = "radar-challenge-detail";
  private static final String HEALTH = "radar-pipeline-health";

  private final Path work = Path.of("target", "dashboards-it").toAbsolutePath();
  private HttpElasticsearch es;
  private KibanaContext span;
  private String topHashtag;

  @BeforeAll
  void generatedRun(ElasticsearchTestServer server) throws Exception {
    server.client().indices().delete(d -> d.index(Index.names(Index.written()))
        .ignoreUnavailable(true));
    Files.createDirectories(work);
    Path events = work.resolve("events.ndjson");
    try (OutputStream out = Files.newOutputStream(events)) {
      new StreamGenerator(GeneratorOptions.of(SEED, POSTS)).writeTo(out, Progress.silent());
    }
    Config settings = JobConfig.loader()
        .flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), server.url(), "test")
        .flag(JobConfig.FILES.key(), events.toString(), "test")
        .flag(StateBackendSettings.TYPE.key(), StateBackendSettings.HASHMAP, "test")
        .load();
    LocalJob.run(JobFactory.create(JobConfig.from(settings)), "dashboards-it", 2,
        Duration.ofSeconds(1), () -> { });
    // An index the run had nothing for (participation without a serving tier, dead letters of a
    // clean run) exists as the job would create it: from its template, empty.
    for (Index index : Index.written()) {
      if (!server.client().indices().exists(e -> e.index(index.indexName())).value()) {
        server.client().indices().create(c -> c.index(index.indexName()));
      }
    }
    server.client().indices().refresh(r -> r.index(Index.names(Index.written())));
    es = new HttpElasticsearch(server.url());

    JsonNode range = es.search(Index.HASHTAG_WINDOWS.indexName(), JSON.readTree("""
        {"size": 0, "aggs": {"min": {"min": {"field": "windowStart"}},
         "max": {"max": {"field": "windowEnd"}}}}"""));
    span = KibanaContext.between(
        Instant.ofEpochMilli(range.path("aggregations").path("min").path("value").asLong()),
        Instant.ofEpochMilli(range.path("aggregations").path("max").path("value").asLong()));
    JsonNode top = es.search(Index.ALERTS.indexName(), JSON.readTree("""
        {"size": 0, "query": {"term": {"kind": "hashtag"}},
         "aggs": {"tag": {"terms": {"field": "tag", "size": 1}}}}"""));
    topHashtag = top.path("aggregations").path("tag").path("buckets").path(0).path("key")
        .asText();
    assertThat(topHashtag).as("the generated run must raise a hashtag alert").isNotEmpty();
  }

  /**
   * As analysts use them: the time picker on the run's span; Challenge detail with its control
   * set to the most alerted hashtag; Pipeline health up to now (dead letters carry the time they
   * were written).
   */
  private KibanaContext context(String dashboardId) {
    return switch (dashboardId) {
      case DETAIL -> span.filteredBy(JSON.createObjectNode().set("term",
          JSON.createObjectNode().put("tag", topHashtag)));
      case HEALTH -> new KibanaContext(span.min(), Instant.now().plus(Duration.ofHours(1)),
          List.of());
      default -> span;
    };
  }

  @Test
  void everyFieldAPanelNamesExistsWithTheTypeItsUseNeeds() throws Exception {
    assertThat(LiveCheck.fields(SourceSet.shipped(), es)).isEmpty();
  }

  @Test
  void everyVegaQueryRunsReturnsRowsAndItsSpecRendersHeadless() throws Exception {
    LiveCheck.Report report = LiveCheck.queries(SourceSet.shipped(), es, this::context);
    assertThat(report.problems()).isEmpty();
    assertThat(report.vega()).hasSize(9);
    assertThat(report.vega()).allSatisfy(v -> assertThat(v.rows().values())
        .as("%s [%s] rows per data source", v.dashboardId(), v.panelIndex())
        .isNotEmpty().allSatisfy(n -> assertThat(n).isPositive()));

    VegaRenderer renderer = VegaRenderer.fromBuild();
    String missing = renderer.missing();
    Assumptions.assumeTrue(missing == null, "Vega render check skipped: " + missing);
    Path renders = Files.createDirectories(work.resolve("renders"));
    List<String> failures = new ArrayList<>();
    for (LiveCheck.VegaRun v : report.vega()) {
      String name = v.dashboardId() + "-" + v.panelIndex();
      Path spec = renders.resolve(name + ".json");
      Files.writeString(spec, JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(sized(v.spec())));
      String error = renderer.render(spec, renders.resolve(name));
      if (error != null) {
        failures.add(v.dashboardId() + " [" + v.panelIndex() + "] " + v.specFile() + ": " + error);
      } else {
        assertThat(Files.size(renders.resolve(name + ".png"))).as(name).isGreaterThan(5_000);
        assertThat(Files.readString(renders.resolve(name + ".svg"))).as(name).contains("<svg");
      }
    }
    assertThat(failures).isEmpty();
    String images = System.getProperty("radar.dashboards.images");
    if (images != null && !images.isBlank()) {
      Path to = Files.createDirectories(Path.of(images));
      for (LiveCheck.VegaRun v : report.vega()) {
        String png = v.dashboardId() + "-" + v.panelIndex() + ".png";
        Files.copy(renders.resolve(png), to.resolve(png), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void everyLensLayerTranslatesToASearchThatRunsAndFillsWhereTheRunGuaranteesData()
      throws Exception {
    LiveCheck.Report report = LiveCheck.queries(SourceSet.shipped(), es, this::context);
    assertThat(report.problems()).isEmpty();
    assertThat(report.lens()).hasSizeGreaterThan(20);
    assertThat(report.lens().stream().filter(l -> FILLED.contains(l.dataViewId())
        && !l.filtered() && l.fields().stream().noneMatch(SERVING_FIELDS::contains)).toList()).isNotEmpty().allSatisfy(l -> assertThat(l.buckets())
        .as("%s [%s] on %s", l.dashboardId(), l.panelIndex(), l.dataViewId()).isPositive());
  }

  @Test
  void namesTheObjectWhenElasticsearchRefusesAVegaQuery() throws Exception {
    Path folder = Files.createDirectories(work.resolve("refused"));
    SourceSet set = Fixtures.copyOfShipped(folder);
    Path spec = folder.resolve("vega/co-hashtags.json");
    // Terms on the caption, a text field: Elasticsearch refuses to aggregate it.
    ObjectNode broken = (ObjectNode) JSON.readTree(Files.readString(spec));
    ((ObjectNode) broken.at("/data/0/url/body/aggs/tags/terms")).put("field", "caption");
    Files.writeString(spec, broken.toString());
    List<String> problems = LiveCheck.queries(set, es, this::context).problems().stream()
        .map(Problem::toString).toList();
    assertThat(problems).singleElement().asString()
        .startsWith("radar-challenge-detail [related]: Elasticsearch refused the query: Vega"
            + " spec co-hashtags.json, data 'tags': ")
        .contains("caption");
  }

  @Test
  void aSpecVegaCannotRunFailsTheRenderWithItsReason() throws Exception {
    VegaRenderer renderer = VegaRenderer.fromBuild();
    String missing = renderer.missing();
    Assumptions.assumeTrue(missing == null, "Vega render check skipped: " + missing);
    Path spec = work.resolve("broken.json");
    ObjectNode broken = JSON.createObjectNode()
        .put("$schema", "https://vega.github.io/schema/vega-lite/v5.json").put("mark", "lin");
    broken.putObject("data").putArray("values").addObject().put("a", 1);
    Files.writeString(spec, broken.toString());
    assertThat(renderer.render(spec, work.resolve("broken"))).startsWith("error: ");
  }

  /** Kibana sizes a panel's spec to the panel; headless, the size is set here. */
  private static ObjectNode sized(ObjectNode spec) {
    ObjectNode copy = spec.deepCopy();
    copy.put("width", 640).put("height", copy.path("$schema").asText().contains("vega-lite")
        ? 260 : 380);
    copy.put("background", "white");
    if (!copy.has("autosize")) {
      copy.set("autosize", JsonNodeFactory.instance.objectNode().put("type", "pad"));
    }
    return copy;
  }
}
