package io.challengeradar.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.app.Radar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every benchmark's table and its JSON agree: each row printed is a median in the JSON under its
 * key, each ratio printed is in the JSON's ratios. Built from made-up measures through each
 * benchmark's own table code, so no run is needed.
 */
class BenchReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void ingestJsonHoldsEveryRowAndRatioOfItsTable() throws Exception {
    BenchReport report = IngestBench.report(5, 20000, new IngestBench.Results(9.0e6, 4.5e6,
        Map.of("tiktokapi-csv", new IngestBench.Imported("tiktok-trending-2021-tiktokapi", 1200,
            80000)), dir, true, 21000, 30000));

    assertJsonMatchesTable(report,
        List.of("read_lines", "decode", "import_tiktokapi_csv", "bulk_index_1", "bulk_index_2"),
        List.of("decode_of_read"));
  }

  @Test
  void servingJsonHoldsEveryRowAndRatioOfItsTable() throws Exception {
    ServingBench bench = bench(new ServingBench(), "serving", "--data", "posts.ndjson");
    Map<String, ServingBench.Phases> full = new LinkedHashMap<>();
    full.put(ServingBench.GENERATED, new ServingBench.Phases(447.0, 396.8, 213.2));
    full.put(ServingBench.REAL, new ServingBench.Phases(150.0, 140.0, 60.0));
    Map<String, ServingBench.Phases> quantized = new LinkedHashMap<>();
    quantized.put(ServingBench.GENERATED, new ServingBench.Phases(1200.0, 1100.0, 500.0));
    quantized.put(ServingBench.REAL, new ServingBench.Phases(480.0, 450.0, 200.0));
    Map<String, ServingBench.Model> models = new LinkedHashMap<>();
    models.put("full", new ServingBench.Model(full, 20.5, 117.7));
    models.put("quantized", new ServingBench.Model(quantized, 9.5, 40.1));

    List<EncoderCandidates.Candidate> all = EncoderCandidates.all(2, 32);
    List<EncoderCandidates.Measured> candidates = List.of(
        new EncoderCandidates.Measured(all.get(0),
            perSet(500.0, 300.0), perSet(3.0, 5.0),
            new double[] {1.0, 1.0, 1.0}),
        new EncoderCandidates.Measured(all.get(2),
            perSet(600.0, 450.0), perSet(2.5, 3.5),
            new double[] {0.9990, 0.9999, 1.0}));

    Map<String, EncoderCandidates.Profile> profiles = new LinkedHashMap<>();
    profiles.put(ServingBench.REAL, new EncoderCandidates.Profile(14.3, 1.1, 3.4, 0.1));
    BenchReport report = bench.report(3, new ServingBench.Results(models, candidates, profiles));

    List<String> rows = new ArrayList<>();
    List<String> ratios = new ArrayList<>();
    rows.add("profile_real_tokens_per_caption");
    for (String c : List.of("encoder_baseline", "encoder_default")) {
      for (String set : List.of("generated", "real")) {
        rows.add(c + "_" + set + "_in_process");
        if (c.equals("encoder_default")) {
          ratios.add(c + "_" + set + "_over_baseline");
        }
      }
      rows.add(c + "_cosine_median");
    }
    for (String model : List.of("full", "quantized")) {
      for (String set : List.of("generated", "real")) {
        String k = model + "_" + set;
        rows.addAll(List.of(k + "_in_process", k + "_http_dynamic_batch", k + "_http_batch_1"));
        ratios.addAll(model.equals("quantized")
            ? List.of(k + "_in_process_over_full", k + "_http_of_in_process",
                k + "_http_over_full", k + "_dynamic_over_batch_1")
            : List.of(k + "_http_of_in_process", k + "_dynamic_over_batch_1"));
      }
      rows.addAll(List.of(model + "_latency_p50_ms", model + "_latency_p99_ms"));
    }
    assertJsonMatchesTable(report, rows, ratios);
    // The quantized model against the full one, measured in the same run.
    assertThat(MAPPER.readTree(report.json()).at("/ratios/quantized_real_in_process_over_full")
        .asDouble()).isCloseTo(3.2, org.assertj.core.api.Assertions.within(1e-9));
    // A candidate against the baseline of the same run.
    assertThat(MAPPER.readTree(report.json()).at("/ratios/encoder_default_real_over_baseline")
        .asDouble()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void pipelineJsonHoldsEveryRowAndRatioOfItsTable() throws Exception {
    PipelineBench bench = bench(new PipelineBench(), "pipeline");

    BenchReport report = bench.report(3,
        new PipelineBench.Results(80000, 52000, 24000, 30000, 310, 1450));

    assertJsonMatchesTable(report,
        List.of("flink_alone", "end_to_end", "bulk_ceiling", "latency_p50_ms", "latency_p99_ms"),
        List.of("end_to_end_of_bulk_ceiling"));
  }

  @Test
  void clusterJsonHoldsEveryRowAndRatioOfItsTable() throws Exception {
    ClusterBench bench = bench(new ClusterBench(), "cluster", "--posts", "500");

    BenchReport report = bench.report(1, 3000, 20000, 15000, 24000);

    assertJsonMatchesTable(report,
        List.of("minicluster_p1", "cluster_1tm_p1", "cluster_2tm_p2"),
        List.of("cluster_1tm_of_minicluster", "cluster_2tm_of_1tm",
            "per_slot_2tm_of_minicluster"));
    assertThat(MAPPER.readTree(report.json()).at("/ratios/cluster_2tm_of_1tm").asDouble())
        .isCloseTo(1.6, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(MAPPER.readTree(report.json()).at("/command").asText())
        .isEqualTo("./radar bench cluster --repeats 1 --posts 500");
  }

  @Test
  void pipelineFlinkOnlyJsonHoldsFlinkAlone() throws Exception {
    PipelineBench bench = bench(new PipelineBench(), "pipeline", "--flink-only");

    BenchReport report = bench.report(3, new PipelineBench.Results(80000, 52000, Double.NaN,
        Double.NaN, Double.NaN, Double.NaN));

    assertJsonMatchesTable(report, List.of("flink_alone"), List.of());
  }

  @Test
  void enrichmentJsonHoldsEveryRowAndRatioOfItsTable() throws Exception {
    EnrichmentBench bench = bench(new EnrichmentBench(), "enrichment");

    // With enrichment well under 0.7 of without and near the serving ceiling: the note names
    // the serving tier, with two more ratios.
    BenchReport report = bench.report(3,
        new EnrichmentBench.Results(22000, 22000, 9000, 3500, 500, 800));

    assertJsonMatchesTable(report,
        List.of("without_enrichment", "with_enrichment", "with_enrichment_unbatched",
            "serving_ceiling", "serving_ceiling_batched"),
        List.of("with_of_without", "unbatched_of_without", "with_of_batched_serving_ceiling",
            "batched_serving_ceiling_of_without"));
  }

  @Test
  void enrichmentServingOnlyJsonHoldsTheCeilings() throws Exception {
    EnrichmentBench bench = bench(new EnrichmentBench(), "enrichment", "--serving-only");

    BenchReport report = bench.report(3, new EnrichmentBench.Results(22000, Double.NaN,
        Double.NaN, Double.NaN, 500, 800));

    assertJsonMatchesTable(report, List.of("serving_ceiling", "serving_ceiling_batched"),
        List.of());
  }

  @Test
  void jsonIsTheLastLineOnStdoutAfterTheTable() throws Exception {
    BenchOptions flags = new BenchOptions();
    flags.json = true;
    flags.noRecord = true;
    BenchReport report = new BenchReport("Pipeline", "./radar bench pipeline");
    report.row("flink_alone", "Flink alone", 52000, "events/s", "");
    report.row("end_to_end", "end to end", Double.NaN, "events/s", "not measured");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    report.finish(flags, true, new PrintStream(out, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).anyMatch(l -> l.startsWith("Flink alone"));
    JsonNode json = MAPPER.readTree(lines.get(lines.size() - 1));
    assertThat(json.get("benchmark").asText()).isEqualTo("pipeline");
    assertThat(json.at("/medians/flink_alone/value").asDouble()).isEqualTo(52000);
    assertThat(json.at("/medians/end_to_end/value").isNull()).isTrue();
  }

  @Test
  void withoutJsonTheTableEndsTheOutput() {
    BenchOptions flags = new BenchOptions();
    flags.noRecord = true;
    BenchReport report = new BenchReport("Ingest", "./radar bench ingest");
    report.row("read_lines", "read NDJSON lines (baseline)", 9.0e6, "lines/s", "one thread");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    report.finish(flags, true, new PrintStream(out, true, StandardCharsets.UTF_8));

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("read NDJSON lines (baseline)");
    assertThat(lines).noneMatch(l -> l.startsWith("{"));
  }

  @Test
  void everyTableSaysHowBusyTheMachineWas() throws Exception {
    BenchReport report = new BenchReport("Pipeline", "./radar bench pipeline");
    report.row("flink_alone", "Flink alone", 52000, "events/s", "");
    report.loadAverages(0.42, 1.9);

    assertThat(report.markdown())
        .contains("cores, load average 0.42 at the start, 1.90 at the end)");
    JsonNode json = MAPPER.readTree(report.json());
    assertThat(json.at("/load_average/start").asDouble()).isEqualTo(0.42);
    assertThat(json.at("/load_average/end").asDouble()).isEqualTo(1.9);
  }

  @Test
  void theLoadAverageIsTheFirstFieldOfTheKernelsLine() throws Exception {
    Path loadavg = dir.resolve("loadavg");
    Files.writeString(loadavg, "3.71 2.05 1.10 2/611 12345\n");

    assertThat(BenchReport.loadAverage(loadavg)).isEqualTo(3.71);
    assertThat(BenchReport.loadAverage(dir.resolve("missing"))).isNaN();
  }

  @Test
  void recordingAppendsUnderTheBenchmarksSection() throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Files.writeString(doc, "# Benchmarks\n\n## Ingest\n\nolder\n\n## Pipeline\n\nolder\n");
    BenchReport report = new BenchReport("Ingest", "./radar bench ingest --repeats 1");
    report.row("read_lines", "read NDJSON lines (baseline)", 9.0e6, "lines/s", "one thread");

    report.appendTo(doc, "Ingest");

    String text = Files.readString(doc);
    assertThat(text.indexOf("| read NDJSON lines (baseline) | 9,000,000 | lines/s"))
        .isBetween(text.indexOf("## Ingest"), text.indexOf("## Pipeline"));
  }

  @Test
  void everyBenchmarkTakesTheSharedFlags() {
    for (String name : List.of("ingest", "serving", "pipeline", "enrichment", "cluster")) {
      CommandLine.ParseResult parsed = Radar.commandLine()
          .parseArgs("bench", name, "--repeats", "2", "--no-record", "--json");
      Object benchmark = parsed.subcommand().subcommand().commandSpec().userObject();
      BenchOptions flags = (BenchOptions) parsed.subcommand().subcommand().commandSpec()
          .mixins().get("bench").userObject();

      assertThat(flags.repeats()).as(name).isEqualTo(2);
      assertThat(flags.noRecord).as(name).isTrue();
      assertThat(flags.json).as(name).isTrue();
      assertThat(benchmark).as(name).isNotNull();
    }
  }

  @Test
  void eachBenchmarkKeepsItsOwnDefaultRepeats() {
    assertThat(defaultRepeats("ingest")).isEqualTo(5);
    assertThat(defaultRepeats("serving")).isEqualTo(1);
    assertThat(defaultRepeats("pipeline")).isEqualTo(3);
    assertThat(defaultRepeats("enrichment")).isEqualTo(3);
    assertThat(defaultRepeats("cluster")).isEqualTo(1);
  }

  private static int defaultRepeats(String name) {
    CommandLine.ParseResult parsed = Radar.commandLine().parseArgs("bench", name);
    return ((BenchOptions) parsed.subcommand().subcommand().commandSpec().mixins().get("bench")
        .userObject()).repeats();
  }

  /** The benchmark with its options parsed from {@code args}, as picocli fills them. */
  private static <T> T bench(T benchmark, String name, String... args) {
    List<String> all = new ArrayList<>(List.of("bench", name));
    all.addAll(List.of(args));
    CommandLine.ParseResult parsed = Radar.commandLine().parseArgs(all.toArray(String[]::new));
    @SuppressWarnings("unchecked")
    T filled = (T) parsed.subcommand().subcommand().commandSpec().userObject();
    return filled;
  }

  /**
   * The JSON's medians are exactly {@code medianKeys}, each printed as a row of the table with
   * its value; its ratios are exactly {@code ratioKeys}, each printed in the table's notes.
   */
  private static Map<String, Double> perSet(double generated, double real) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(ServingBench.GENERATED, generated);
    m.put(ServingBench.REAL, real);
    return m;
  }

  private static void assertJsonMatchesTable(BenchReport report, List<String> medianKeys,
      List<String> ratioKeys) throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    report.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
    String table = printed.toString(StandardCharsets.UTF_8);
    JsonNode json = MAPPER.readTree(report.json());

    assertThat(json.get("medians").fieldNames()).toIterable().containsExactlyElementsOf(medianKeys);
    assertThat(json.get("ratios").fieldNames()).toIterable().containsExactlyElementsOf(ratioKeys);
    assertThat(report.rows()).hasSameSizeAs(medianKeys);
    for (BenchReport.Row row : report.rows()) {
      JsonNode median = json.get("medians").get(row.key());
      assertThat(median.get("what").asText()).isEqualTo(row.what());
      assertThat(median.get("value").asDouble()).isEqualTo(row.median());
      assertThat(median.get("unit").asText()).isEqualTo(row.unit());
      assertThat(table.lines())
          .as("the table prints %s", row.key())
          .anyMatch(l -> l.startsWith(row.what()) && l.contains(" " + row.value() + " "));
    }
    json.get("ratios").fields().forEachRemaining(ratio -> assertThat(table)
        .as("the table prints ratio %s", ratio.getKey())
        .contains(BenchReport.ratio(ratio.getValue().asDouble())));
  }
}
