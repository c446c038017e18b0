package io.challengeradar.config;

/**
 * Where a setting's value came from, for error messages and {@code radar config show}.
 *
 * @param layer the layer that set it
 * @param where the file, environment variable or flag; the caller for {@link Layer#CODE}
 */
public record Origin(Layer layer, String where) {
  /** The layers, lowest first: each overrides the ones before it. */
  public enum Layer { DEFAULT, FILE, ENVIRONMENT, FLAG, CODE }

  public static final Origin DEFAULT = new Origin(Layer.DEFAULT, "");

  @Override
  public String toString() {
    return switch (layer) {
      case DEFAULT -> "default";
      case FILE -> "file " + where;
      case ENVIRONMENT -> "environment " + where;
      case FLAG -> "flag " + where;
      case CODE -> "set by " + where;
    };
  }
}
