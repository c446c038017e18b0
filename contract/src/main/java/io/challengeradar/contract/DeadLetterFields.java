package io.challengeradar.contract;

import java.util.Map;
import java.util.Set;

/** Fields of a {@code radar-deadletter} document: a record the pipeline could not use, and why. */
public final class DeadLetterFields {
  /** The payload as received, stored but not indexed. */
  public static final String RAW = "raw";
  public static final String STAGE = "stage";
  public static final String REASON = "reason";
  public static final String FIELD = "field";
  public static final String DETAIL = "detail";
  /** Where the record came from: an object with the {@link Origin} fields. */
  public static final String ORIGIN = "origin";
  public static final String EVENT_TIME = "eventTime";
  public static final String AT = "at";
  /** Calls made before the pipeline gave up (enrichment give-ups); absent or null otherwise. */
  public static final String ATTEMPTS = "attempts";
  /** When {@code radar deadletters replay} re-submitted the payload; absent until then. */
  public static final String REPLAYED_AT = "replayedAt";
  /** Where it was re-submitted: {@code kafka:<topic>} or {@code file:<path>}. */
  public static final String REPLAYED_TO = "replayedTo";

  /** The fields of {@link #ORIGIN}. */
  public static final class Origin {
    public static final String KIND = "kind";
    public static final String NAME = "name";
    public static final String PARTITION = "partition";
    public static final String POSITION = "position";

    public static final DocumentFields FIELDS = DocumentFields.declaredIn(Origin.class,
        Set.of(KIND, NAME), Map.of());

    private Origin() {}
  }

  public static final DocumentFields FIELDS = DocumentFields.declaredIn(DeadLetterFields.class,
      Set.of(STAGE, REASON, DETAIL, ORIGIN, AT), Map.of(ORIGIN, Origin.FIELDS));

  private DeadLetterFields() {}

  /** The path of one of the {@link Origin} fields, for queries: {@code origin.kind}. */
  public static String origin(String field) {
    if (!Origin.FIELDS.has(field)) {
      throw new IllegalArgumentException(field + " is not a field of " + ORIGIN);
    }
    return ORIGIN + "." + field;
  }
}
