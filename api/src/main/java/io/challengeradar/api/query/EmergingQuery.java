package io.challengeradar.api.query;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What /v1/challenges/emerging asks for.
 *
 * @param stages current stages to list (not empty)
 * @param kind only hashtags or only sounds; null for both
 * @param since only challenges whose current stage began at or after this; null for all
 * @param sort the order, always descending
 */
public record EmergingQuery(
    Set<Stage> stages, TagKind kind, Instant since, Sort sort, PageRequest page) {

  /** Orders, each descending, and the radar-hashtags field it sorts by. */
  public enum Sort {
    SINCE("since"),
    GROWTH("growth"),
    RISK("risk"),
    PARTICIPANTS("cumulativeParticipants");

    private final String field;

    Sort(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  public EmergingQuery {
    Objects.requireNonNull(stages, "stages");
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("stages must not be empty");
    }
    stages = Set.copyOf(EnumSet.copyOf(stages));
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(page, "page");
  }

  public Optional<TagKind> kindFilter() {
    return Optional.ofNullable(kind);
  }

  public Optional<Instant> sinceFilter() {
    return Optional.ofNullable(since);
  }
}
