package io.challengeradar.flink.intel;

import java.io.Serializable;

/**
 * A known harmful challenge: the name an alert reports as {@code nearestHarmful}, and the text
 * whose embedding a challenge representation is compared with.
 */
public record HarmfulChallenge(String name, String description) implements Serializable {

  public HarmfulChallenge {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException("description of " + name + " must not be blank");
    }
  }

  /** {@code "Milk Crate: climbing a pyramid of stacked milk crates"}: the name before the colon. */
  public static HarmfulChallenge parse(String key, String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(key + ": '" + text
          + "' is not 'Name: description of what participants do'");
    }
    return new HarmfulChallenge(text.substring(0, colon).strip(),
        text.substring(colon + 1).strip());
  }

  /** The text that is embedded: name and description, as an analyst would write it. */
  public String text() {
    return name + " challenge: " + description;
  }
}
