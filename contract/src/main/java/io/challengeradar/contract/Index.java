package io.challengeradar.contract;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every index the pipeline writes and the readers read, with its document's fields, the rule its
 * document ids follow, and its template (a file of the same name under {@link
 * IndexTemplates#FOLDER}, installed by {@link TemplateInstaller}).
 *
 * <p>Every template maps its fields {@code dynamic: strict}, so a document with a field the
 * contract lacks is refused, except {@link #DEADLETTER}'s: the dead-letter index is where refused
 * documents go, so it must never refuse one itself ({@code dynamic: false}: unknown fields stay in
 * {@code _source}, unindexed).
 */
public enum Index {
  VIDEOS("radar-videos", VideoFields.FIELDS, "videoId; external version = version"),
  ENGAGEMENT("radar-engagement", EngagementFields.FIELDS,
      "<videoId>@<observedAtMillis>; written by the raw bulk path only"),
  DEADLETTER("radar-deadletter", DeadLetterFields.FIELDS,
      "hash of stage, reason and origin, so a replay overwrites its dead letter (an enrichment"
          + " give-up: of stage and origin, one per post)"),
  HASHTAG_WINDOWS("radar-hashtag-windows", WindowFields.FIELDS,
      "hashtag:<tag>:<windowStartMillis>"),
  SOUND_WINDOWS("radar-sound-windows", WindowFields.FIELDS, "sound:<musicId>:<windowStartMillis>"),
  ALERTS("radar-challenge-alerts", AlertFields.FIELDS,
      "<kind>:<tag>:<STAGE>:<windowEndMillis>, so replays are idempotent"),
  HASHTAGS("radar-hashtags", StageFields.FIELDS,
      "<kind>:<tag>; external_gte version = since millis"),
  PARTICIPATION("radar-participation", ParticipationFields.FIELDS,
      "<kind>:<tag>:<userId>; external_gte version = the round's detection millis");

  private final String indexName;
  private final DocumentFields fields;
  private final String idRule;

  Index(String indexName, DocumentFields fields, String idRule) {
    this.indexName = indexName;
    this.fields = fields;
    this.idRule = idRule;
  }

  /** The index's name in Elasticsearch, also its template's name. */
  public String indexName() {
    return indexName;
  }

  public DocumentFields fields() {
    return fields;
  }

  /** How a document's id is made, in words. */
  public String idRule() {
    return idRule;
  }

  /** The template's file name, relative to {@link IndexTemplates#FOLDER}. */
  public String templateFile() {
    return indexName + ".json";
  }

  /** Whether the template refuses a document with an unmapped field. */
  public boolean strict() {
    return this != DEADLETTER;
  }

  /** The shipped template of this index. */
  public IndexTemplate template() {
    return IndexTemplates.load().stream().filter(t -> t.name().equals(indexName)).findFirst()
        .orElseThrow(() -> new TemplateException("no template " + templateFile() + " in "
            + IndexTemplates.LIST));
  }

  /** The indices the streaming job writes: every index but the raw bulk path's engagement. */
  public static List<Index> written() {
    return Arrays.stream(values()).filter(i -> i != ENGAGEMENT).toList();
  }

  public static Optional<Index> named(String indexName) {
    return Arrays.stream(values()).filter(i -> i.indexName.equals(indexName)).findFirst();
  }

  /** Names of {@code indices}, for requests that take several. */
  public static List<String> names(Index... indices) {
    return names(List.of(indices));
  }

  /** Names of {@code indices}, for requests that take several. */
  public static List<String> names(List<Index> indices) {
    return indices.stream().map(Index::indexName).toList();
  }

  @Override
  public String toString() {
    return indexName;
  }
}
