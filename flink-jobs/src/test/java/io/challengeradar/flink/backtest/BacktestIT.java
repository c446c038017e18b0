package io.challengeradar.flink.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backtest end to end on a small generated stream: the job replayed into a real Elasticsearch,
 * its alerts read back and scored against the scenario, the charts drawn.
 */
@ExtendWith(SharedElasticsearch.class)
class BacktestIT {

  private final ElasticsearchTestServer es;

  BacktestIT(ElasticsearchTestServer es) {
    this.es = es;
  }

  @Test
  void scoresTheJobsAlertsAgainstTheScenarioAndDrawsEachChallenge() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "backtest-it")).toAbsolutePath();
    Path events = dir.resolve("events.ndjson");
    StreamGenerator generator = new StreamGenerator(GeneratorOptions.of(42, 3_000));
    try (OutputStream o = Files.newOutputStream(events)) {
      generator.writeTo(o, Progress.silent());
    }
    List<TruthEntry> truth = generator.scenario().challenges().stream()
        .map(c -> TruthEntry.of("hashtag", c.tag())).toList();
    Config settings = JobConfig.loader().load()
        .with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(es.url()), "test")
        .with(JobConfig.PARALLELISM, 2, "test");
    long lines = Files.lines(events).count();

    List<Backtest.Result> results = Backtest.run(new Backtest.Request(events, lines,
        "generator seed 42", truth, List.of(new Backtest.Setting("defaults", settings)),
        new NaiveBaseline(NaiveBaseline.DEFAULT_THRESHOLD), dir.resolve("out"), true),
        es.client(), System.err);

    assertThat(results).hasSize(1);
    Backtest.Result r = results.get(0);
    // Every event is accounted for: the replay ran to the end.
    assertThat(r.results().eventsApplied() + r.results().deadLettered()).isEqualTo(lines);
    Score radar = r.radar();
    assertThat(radar.rows()).hasSize(truth.size());
    List<Detection> alerts = Replay.alerts(es.client());
    assertThat(alerts).hasSize((int) r.results().alertCount());
    // Every flagged hashtag is either a challenge or a false alert; sounds are not scored.
    Set<TagKey> alerted = alerts.stream().map(Detection::key)
        .filter(k -> k.kind().equals("hashtag")).collect(Collectors.toSet());
    assertThat(radar.detected() + radar.falseAlerts().size()).isEqualTo(alerted.size());
    // Every challenge's peak comes from the data; a flagged one has a lead.
    assertThat(radar.rows()).allSatisfy(row -> assertThat(row.peakEnd()).isNotNull());
    assertThat(radar.rows()).filteredOn(Score.Row::detected)
        .allSatisfy(row -> assertThat(row.leadHours()).isNotNull());
    assertThat(r.naive().rows()).hasSize(truth.size());
    assertThat(r.charts()).hasSize(truth.size());
    for (Path chart : r.charts()) {
      assertThat(ImageIO.read(chart.toFile()).getWidth()).isEqualTo(ShareChart.WIDTH);
    }
  }
}
