package io.challengeradar.app.backtest;

import io.challengeradar.app.demo.DemoEvents;
import io.challengeradar.app.demo.DemoRequest;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.backtest.Backtest;
import io.challengeradar.flink.backtest.NaiveBaseline;
import io.challengeradar.flink.backtest.TruthEntry;
import io.challengeradar.flink.backtest.TruthList;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.LocalPlatform;
import io.challengeradar.infra.PlatformOptions;
import io.challengeradar.infra.RunningPlatform;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code radar backtest}'s work: the events (generated, or imported and put in event-time order,
 * as the demo prepares them), the truth list (the generator's scenario, a file, or the truth rule
 * over the data), an Elasticsearch (one already up, or a local one started as the demo starts
 * its own), then {@link Backtest#run} in flink-jobs.
 *
 * @param input the events, as the demo names them
 * @param truthFile the truth list; null for the generator's scenario or, for real data, the rule
 * @param job the job's settings (defaults, file, environment, --set)
 * @param sweep replay the sweep's grid instead of {@code job} alone
 * @param esUrl an Elasticsearch already up; null to start one on {@code port}
 * @param out where charts and the events go
 */
public record BacktestRun(DemoRequest.Input input, Path truthFile, Config job, boolean sweep,
    NaiveBaseline naive, String esUrl, int port, Path out) {

  /**
   * What the backtest found.
   *
   * @param truthSource where the truth list came from, in words
   */
  public record Outcome(String source, String truthSource, List<TruthEntry> truth,
      List<Backtest.Result> results) {}

  /** Prepares, replays and scores; progress goes to {@code log}. */
  public Outcome run(Path home, PrintStream log) throws IOException, InterruptedException {
    List<TruthEntry> fileTruth = truthFile == null ? null : TruthList.read(truthFile);
    Files.createDirectories(out);
    DemoEvents events = DemoEvents.prepare(input, out, log);
    List<TruthEntry> truth;
    String truthSource;
    if (fileTruth != null) {
      truth = fileTruth;
      truthSource = truthFile.toString();
    } else if (events.scenario() != null) {
      truth = events.scenario().challenges().stream()
          .map(c -> TruthEntry.of(TagKind.HASHTAG.wire(), c.tag())).toList();
      truthSource = "the generator's scenario (its challenge hashtags)";
    } else {
      truth = Backtest.truthFromData(events.file(), TagKind.HASHTAG.wire());
      truthSource = "the truth rule over this data (hashtags; docs/detection.md)";
    }
    if (truth.isEmpty()) {
      throw new IllegalArgumentException("the truth list is empty (" + truthSource
          + "): there is nothing to score against");
    }
    try (Server server = server(home, log)) {
      Config base = job.with(CommonOptions.ELASTICSEARCH_HOSTS, List.of(server.url()), "backtest");
      List<Backtest.Setting> settings = sweep ? Backtest.grid(base)
          : List.of(new Backtest.Setting("as configured", base));
      Backtest.Request request = new Backtest.Request(events.file(), events.lines(),
          events.source(), truth, settings, naive, out, !sweep);
      return new Outcome(events.source(), truthSource, truth,
          Backtest.run(request, server.client(), log));
    }
  }

  /** An Elasticsearch to replay into: the one named, or a local one started for this run. */
  private Server server(Path home, PrintStream log) {
    if (esUrl != null) {
      ElasticsearchConnection c = ElasticsearchClients.create(esUrl);
      return new Server(esUrl, c.client(), c::close);
    }
    Path folder = home.resolve("backtest");
    RunningPlatform platform = LocalPlatform.start(PlatformOptions.defaults(folder)
        .withElasticsearch(ElasticsearchOptions.defaults(folder).withHttpPort(port)), log);
    return new Server(platform.elasticsearchUrl(), platform.client(), platform::close);
  }

  private record Server(String url, co.elastic.clients.elasticsearch.ElasticsearchClient client,
      Runnable stop) implements AutoCloseable {
    @Override
    public void close() {
      stop.run();
    }
  }
}
