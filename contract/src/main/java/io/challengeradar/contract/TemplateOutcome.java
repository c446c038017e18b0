package io.challengeradar.contract;

/**
 * What the installer did with one template.
 *
 * @param name the template
 * @param version the version shipped
 * @param action what was done
 * @param installedVersion the version that was installed before, or null when there was none
 */
public record TemplateOutcome(String name, long version, Action action, Long installedVersion) {

  public enum Action {
    /** It was not installed; now it is. */
    INSTALLED,
    /** An older version was installed (or one without a version); it was replaced. */
    UPGRADED,
    /** The same version was installed; nothing was sent. */
    UNCHANGED,
    /** A newer version was installed (by a newer checkout); it was left in place. */
    KEPT_NEWER
  }

  /** One line for people. */
  public String describe() {
    return switch (action) {
      case INSTALLED -> name + " v" + version + " installed";
      case UPGRADED -> name + " v" + installedVersion + " -> v" + version + " upgraded";
      case UNCHANGED -> name + " v" + version + " unchanged";
      case KEPT_NEWER -> name + " v" + installedVersion + " kept (newer than v" + version + ")";
    };
  }
}
