package io.challengeradar.flink.backtest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import io.challengeradar.config.Config;
import io.challengeradar.contract.AlertFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.JobConfig;
import io.challengeradar.flink.JobFactory;
import io.challengeradar.flink.StateBackendSettings;
import io.challengeradar.flink.LocalJob;
import io.challengeradar.flink.intel.IntelligenceOptions;
import io.challengeradar.flink.results.PipelineResults;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays an events file through the streaming job, built by {@link JobFactory} from the given
 * settings as every entry point builds it, into an Elasticsearch whose pipeline indices it
 * empties first, and reads the alerts back. The challenge intelligence is off: detection does
 * not use the serving tier.
 */
public final class Replay {

  /** Alert fields that are not evidence: identity, time and the intelligence's additions. */
  private static final Set<String> NOT_EVIDENCE = Set.of(AlertFields.ID, AlertFields.KIND,
      AlertFields.TAG, AlertFields.STAGE, AlertFields.DETECTED_AT, AlertFields.FIRST_SEEN,
      AlertFields.WINDOWS, AlertFields.SAMPLE_VIDEOS, AlertFields.EARLIEST_PARTICIPANTS,
      AlertFields.RISK, AlertFields.NEAREST_HARMFUL, AlertFields.REPRESENTATION_VIDEOS);

  private Replay() {}

  /**
   * What the replay left.
   *
   * @param alerts every alert, oldest first, with the plain values it carries as evidence
   * @param results the counts read back (input accounted for, windows, alerts)
   */
  public record Outcome(List<Detection> alerts, PipelineResults results) {}

  /**
   * Runs the job over {@code events} and reads the alerts back.
   *
   * @param settings the job's settings with {@code elasticsearch.hosts} pointing at
   *     {@code client}'s server; the source, checkpoints and intelligence are set here
   * @param lines the events file's lines, for the progress line
   */
  public static Outcome run(Config settings, Path events, long lines, Path checkpoints,
      ElasticsearchClient client) throws IOException, InterruptedException {
    client.indices().delete(d -> d.index(PipelineResults.INDICES).ignoreUnavailable(true));
    // An Elasticsearch started by an older build holds older templates; the job's newer documents
    // would be refused (dead-lettered), and the backtest would score no alerts at all.
    new TemplateInstaller(client).installAll();
    Config job = StateBackendSettings.heapUnlessSet(settings, "backtest")
        .with(JobConfig.FILES, List.of(events.toString()), "backtest")
        .with(JobConfig.CHECKPOINTS, checkpoints.toUri().toString(), "backtest")
        .with(JobConfig.NAME, "radar-backtest", "backtest")
        .with(IntelligenceOptions.ENABLED, false, "backtest");
    JobConfig config = JobConfig.from(job);
    try (Progress progress = Progress.onStderr("replay", lines, "events")) {
      LocalJob.run(JobFactory.create(config), "radar-backtest", config.parallelism(),
          LocalJob.DEFAULT_POLL_INTERVAL, () -> {
            try {
              progress.advance(PipelineResults.inputAccountedFor(client) - progress.done());
            } catch (IOException notYet) {
              // An index just created has no shard to search for a moment; the next poll will.
            }
          });
    }
    PipelineResults results = PipelineResults.read(client);
    return new Outcome(alerts(client), results);
  }

  /** Every alert with its evidence, oldest detection first. */
  public static List<Detection> alerts(ElasticsearchClient client) throws IOException {
    List<Detection> alerts = new ArrayList<>();
    if (!client.indices().exists(e -> e.index(Index.ALERTS.indexName())).value()) {
      return alerts;
    }
    SearchResponse<JsonNode> r = client.search(s -> s.index(Index.ALERTS.indexName())
        .size(PipelineResults.MAX_ALERTS_READ)
        .sort(o -> o.field(f -> f.field(AlertFields.DETECTED_AT)))
        .sort(o -> o.field(f -> f.field(AlertFields.ID))), JsonNode.class);
    for (Hit<JsonNode> h : r.hits().hits()) {
      JsonNode d = h.source();
      alerts.add(new Detection(new TagKey(d.path(AlertFields.KIND).asText(),
          d.path(AlertFields.TAG).asText()), d.path(AlertFields.STAGE).asText(),
          Instant.parse(d.path(AlertFields.DETECTED_AT).asText()), evidence(d)));
    }
    return alerts;
  }

  /** Plain values of the alert beyond its identity, one level of objects flattened. */
  static Map<String, Object> evidence(JsonNode alert) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = alert.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (NOT_EVIDENCE.contains(f.getKey())) {
        continue;
      }
      if (f.getValue().isObject()) {
        f.getValue().fields().forEachRemaining(
            g -> plain(g.getValue()).ifPresent(v -> out.put(f.getKey() + "." + g.getKey(), v)));
      } else {
        plain(f.getValue()).ifPresent(v -> out.put(f.getKey(), v));
      }
    }
    return out;
  }

  private static java.util.Optional<Object> plain(JsonNode v) {
    if (v.isNumber()) {
      return java.util.Optional.of(v.numberValue());
    }
    if (v.isTextual() || v.isBoolean()) {
      return java.util.Optional.of(v.asText());
    }
    return java.util.Optional.empty();
  }
}
