package io.challengeradar.contract;

import java.util.Objects;

/**
 * One composable index template as shipped in a resource file.
 *
 * @param name the template's name (the file name without .json)
 * @param version the template's "version"; installers replace an installed template with a lower
 *     one
 * @param json the body of {@code PUT _index_template/<name>}
 * @param origin where it was read from, for messages
 */
public record IndexTemplate(String name, long version, String json, String origin) {
  public IndexTemplate {
    Objects.requireNonNull(name, "name");
    if (version < 1) {
      throw new IllegalArgumentException("version of template " + name + " must be >= 1, got "
          + version);
    }
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(origin, "origin");
  }
}
