package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.app.demo.DemoRun;
import io.challengeradar.config.Config;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.RadarPipeline;
import io.challengeradar.flink.es.ElasticsearchOutputs;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every entry point builds the same job from the same configuration: the job jar's main,
 * {@code radar pipeline}, {@code radar demo} and the benchmarks go through {@link JobFactory}. Compared as the operators' names, uids and downstream operators of the
 * stream graph, so a stage one entry point forgets (as {@code radar pipeline} once forgot the
 * intelligence) fails here.
 */
class JobGraphTest {
  static final String ES = "http://127.0.0.1:9200";
  static final String SERVING = "http://127.0.0.1:8081";

  @TempDir Path dir;

  @Test
  void theJobJarAndRadarPipelineBuildTheSameGraphWithTheIntelligence() throws Exception {
    Path events = Files.writeString(dir.resolve("events.ndjson"), "");
    String checkpoints = dir.resolve("cp").toUri().toString();

    List<String> jar = operators(RadarPipeline.fromArgs(new String[] {"--files",
        events.toString(), "--es", ES, "--checkpoints", checkpoints,
        "--set", "serving.url=" + SERVING}, Map.of()));
    PipelineCommand command = new PipelineCommand();
    new CommandLine(command).parseArgs("--es", ES, "--serving", SERVING,
        "--checkpoints", dir.resolve("cp").toString(), "--set", "source.files=" + events);
    List<String> pipeline = operators(JobFactory.create(JobConfig.from(
        command.settings(Map.of()))));

    assertThat(pipeline).isEqualTo(jar);
    assertThat(jar).anyMatch(op -> op.startsWith("challenge-representations"))
        .anyMatch(op -> op.startsWith("participation-scoring"))
        .anyMatch(op -> op.startsWith("enrich"));
  }

  @Test
  void thePipelineBenchmarkRunsTheProductionJob() throws Exception {
    Path events = Files.writeString(dir.resolve("events.ndjson"), "");
    String checkpoints = dir.resolve("cp").toUri().toString();

    List<String> jar = operators(RadarPipeline.fromArgs(new String[] {"--files",
        events.toString(), "--es", ES, "--checkpoints", checkpoints}, Map.of()));
    List<String> bench = operators(io.challengeradar.app.bench.PipelineBench.builder(events,
        new ElasticsearchOutputs(ElasticsearchSinkOptions.defaults(List.of(ES))), checkpoints)
        .build());

    assertThat(bench).isEqualTo(jar);
    assertThat(jar).noneMatch(op -> op.startsWith("enrich"));
  }

  @Test
  void theDemoAndTheEnrichmentBenchmarkRunTheJobTheJarRuns() throws Exception {
    Path events = Files.writeString(dir.resolve("events.ndjson"), "");
    String checkpoints = dir.resolve("cp").toUri().toString();
    List<String> jar = operators(RadarPipeline.fromArgs(new String[] {"--files",
        events.toString(), "--es", ES, "--checkpoints", checkpoints,
        "--set", "serving.url=" + SERVING}, Map.of()));
    // The demo coalesces video writes unless told otherwise: the jar given the same setting.
    List<String> coalescingJar = operators(RadarPipeline.fromArgs(new String[] {"--files",
        events.toString(), "--es", ES, "--checkpoints", checkpoints,
        "--set", "serving.url=" + SERVING,
        "--set", "sink.video.coalesce=" + DemoRun.VIDEO_COALESCE.toSeconds() + "s"}, Map.of()));

    Config demo = io.challengeradar.app.demo.DemoRun.demoSettings(
        io.challengeradar.app.demo.DemoRun.jobSettings(null, Map.of()), ES, checkpoints, 2,
        URI.create(SERVING)).with(JobConfig.FILES, List.of(events.toString()), "test");
    List<String> bench = operators(io.challengeradar.app.bench.EnrichmentBench.job(events,
        checkpoints, URI.create(SERVING), 16,
        new ElasticsearchOutputs(ElasticsearchSinkOptions.defaults(List.of(ES)))));

    assertThat(operators(JobFactory.create(JobConfig.from(demo)))).isEqualTo(coalescingJar)
        .anyMatch(op -> op.startsWith("coalesce-video-writes"));
    assertThat(bench).isEqualTo(jar);
  }

  /** Each operator as "name | uid -> downstream names", in the order they were added. */
  static List<String> operators(RadarPipeline job) {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
    job.configure(env);
    job.build(env);
    StreamGraph graph = env.getStreamGraph();
    return graph.getStreamNodes().stream()
        .sorted(Comparator.comparingInt(StreamNode::getId))
        .map(n -> n.getOperatorName() + " | " + n.getTransformationUID() + " -> "
            + n.getOutEdges().stream().map(e -> graph.getStreamNode(e.getTargetId())
                .getOperatorName()).sorted().toList())
        .toList();
  }
}
