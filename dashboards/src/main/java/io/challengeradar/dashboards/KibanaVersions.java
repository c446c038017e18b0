package io.challengeradar.dashboards;

import java.util.Map;

/**
 * The version fields every saved object carries, as a Kibana 8.19 export writes them. Kibana
 * refuses to import an object whose version is newer than it knows and migrates an older one, so
 * these must never be raised past what 8.19 writes.
 */
public final class KibanaVersions {
  /** The Kibana release the objects are written for. */
  public static final String KIBANA = "8.19";
  /** Since 8.8 every type's objects carry this core version. */
  public static final String CORE_MIGRATION_VERSION = "8.8.0";
  /**
   * The latest migration of each type: a data view's last one is 8.0.0; saved searches and
   * dashboards moved to model versions, written {@code 10.<model version>.0}.
   */
  public static final Map<String, String> TYPE_MIGRATION_VERSION = Map.of(
      "index-pattern", "8.0.0",
      "search", "10.5.0",
      "dashboard", "10.2.0");

  private KibanaVersions() {}
}
