package io.challengeradar.api.query;

import io.challengeradar.api.BadRequestException;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.StageFields;
import io.challengeradar.contract.TagKind;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
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
    SINCE(StageFields.SINCE),
    GROWTH(StageFields.GROWTH),
    RISK(StageFields.RISK),
    PARTICIPANTS(StageFields.CUMULATIVE_PARTICIPANTS);

    private final String field;

    Sort(String field) {
      this.field = field;
    }

    public String field() {
      return field;
    }
  }

  /** The stages /v1/challenges/emerging lists when none are asked for. */
  public static final Set<Stage> RISING = Set.of(Stage.EMERGING, Stage.ACCELERATING);

  public EmergingQuery {
    Objects.requireNonNull(stages, "stages");
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("stages must not be empty");
    }
    stages = Set.copyOf(EnumSet.copyOf(stages));
    Objects.requireNonNull(sort, "sort");
    Objects.requireNonNull(page, "page");
  }

  /** A comma list such as "EMERGING,accelerating"; {@code field} names the parameter in errors. */
  public static Set<Stage> parseStages(String field, String list) {
    Set<Stage> stages = EnumSet.noneOf(Stage.class);
    for (String part : list.split(",", -1)) {
      String name = part.strip().toUpperCase(Locale.ROOT);
      try {
        stages.add(Stage.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(
            field, "'" + part.strip() + "' is not one of EMERGING, ACCELERATING, PEAKED, FADING");
      }
    }
    return stages;
  }

  public Optional<TagKind> kindFilter() {
    return Optional.ofNullable(kind);
  }

  public Optional<Instant> sinceFilter() {
    return Optional.ofNullable(since);
  }
}
