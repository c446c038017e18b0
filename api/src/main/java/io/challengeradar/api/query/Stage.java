package io.challengeradar.api.query;

import io.challengeradar.api.BadRequestException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A challenge's lifecycle stage, as the CEP rules name it. */
public enum Stage {
  EMERGING,
  ACCELERATING,
  PEAKED,
  FADING;

  /** The stages /v1/challenges/emerging lists when none are asked for. */
  public static final Set<Stage> RISING = EnumSet.of(EMERGING, ACCELERATING);

  /** A comma list such as "EMERGING,accelerating"; {@code field} names the parameter in errors. */
  public static Set<Stage> parseList(String field, String list) {
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
}
