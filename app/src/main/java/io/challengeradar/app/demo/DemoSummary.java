package io.challengeradar.app.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.challengeradar.app.demo.AlertReport.ScenarioCheck;
import io.challengeradar.flink.results.PipelineResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a demo run did, every count read back from Elasticsearch. Its JSON ({@code --summary}) is
 * flat, with snake_case keys ({@code input_events}, {@code dead_lettered}, ...) that scripts and
 * the docs read; a part that did not run (enrichment without the serving tier, the scenario check
 * without the generator, Kafka) leaves its keys out.
 *
 * @param source where the events came from, in words
 * @param kafka the broker's bootstrap address; null without Kafka
 * @param counts the input and what the pipeline made of it
 * @param enrichment what the serving tier added; null without it
 * @param scenario the alerts against the generator's truth; null for other input
 * @param api the query API's base URL; null without the serving tier
 * @param challengesWithPredictions challenges in the API's table with likely participants; null
 *     without the serving tier
 * @param parallelism of the pipeline job
 * @param elasticsearch the demo's Elasticsearch URL
 * @param elapsedMs from the start of the run (platform start included) to the results read back;
 *     the query API's start and questions are not part of it
 * @param firstAlertMs from the start of the run to the first alert found searchable (polled once a
 *     second while the job runs); null when the run raised none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DemoSummary(
    String source,
    String kafka,
    @JsonUnwrapped Counts counts,
    @JsonUnwrapped Enrichment enrichment,
    @JsonUnwrapped ScenarioCheck scenario,
    String api,
    Long challengesWithPredictions,
    int parallelism,
    String elasticsearch,
    long elapsedMs,
    Long firstAlertMs) {

  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Every input event and what became of it.
   *
   * @param inputEvents lines of input, rejected import rows included
   * @param indexed events applied to a video document
   * @param deadLettered input records in the dead-letter index
   * @param rejected rows the importer refused (never reached the pipeline)
   * @param documentsRefused documents Elasticsearch refused: not input records, counted apart
   * @param videos video documents
   * @param hashtagWindows hashtag window documents
   * @param soundWindows sound window documents
   * @param hashtags hashtag stage documents
   * @param alerts alerts
   */
  public record Counts(long inputEvents, long indexed, long deadLettered, long rejected,
      long documentsRefused, long videos, long hashtagWindows, long soundWindows, long hashtags,
      long alerts) {

    /** The input's size beside what the pipeline left in Elasticsearch. */
    public static Counts of(long inputLines, long rejected, PipelineResults results) {
      return new Counts(inputLines + rejected, results.eventsApplied(), results.deadLettered(),
          rejected, results.documentsRefused(), results.videos(), results.hashtagWindows(),
          results.soundWindows(), results.hashtags(), results.alertCount());
    }

    /** Every input event is indexed, dead-lettered or rejected: none lost, none counted twice. */
    public boolean addUp() {
      return accountedFor() == inputEvents;
    }

    /** Input events found again: applied to videos, dead-lettered, or rejected by the import. */
    public long accountedFor() {
      return indexed + deadLettered + rejected;
    }
  }

  /**
   * @param enrichmentWaited posts the job still held for a retry when the input ended
   * @param reenriched posts enriched after the job, as {@code radar reenrich} does; null when
   *     none was pending
   * @param enrichedVideos videos whose document says the serving tier's answer is in
   * @param pendingEnrichment videos still waiting for the serving tier
   * @param embeddings caption vectors in radar-embeddings, one per enriched video
   * @param participationPredictions documents in radar-participation
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Enrichment(long enrichmentWaited, Long reenriched, long enrichedVideos,
      long pendingEnrichment, long embeddings, long participationPredictions) {}

  /** See {@link Counts#addUp()}. */
  public boolean countsAddUp() {
    return counts.addUp();
  }

  /** The keys and values of the JSON, in its order: what the closing table shows. */
  public Map<String, Object> toMap() {
    return JSON.convertValue(this, new TypeReference<LinkedHashMap<String, Object>>() {});
  }

  public String toJson() throws IOException {
    return JSON.writeValueAsString(this);
  }

  public void writeJson(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }
}
