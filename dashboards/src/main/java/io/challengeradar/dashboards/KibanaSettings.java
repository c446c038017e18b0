package io.challengeradar.dashboards;

import io.challengeradar.config.Config;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import java.net.URI;
import java.time.Duration;

/**
 * Where {@code radar dashboards install} finds Kibana and how it signs in: basic auth or an API
 * key, from a settings file or the environment ({@code RADAR_KIBANA_PASSWORD},
 * {@code RADAR_KIBANA_API_KEY}), never from the command line.
 *
 * @param url Kibana's base URL
 * @param space the space to import into; null or empty for the default space
 * @param username basic auth user, or null
 * @param password basic auth password, or null
 * @param apiKey an API key (the base64 {@code id:key} Kibana shows), or null; wins over basic
 *     auth
 * @param timeout how long the import may take
 */
public record KibanaSettings(URI url, String space, String username, String password,
    String apiKey, Duration timeout) {

  public static final Option<java.net.URI> URL = Option.key("kibana.url").urlType()
      .defaultValue(URI.create("http://localhost:5601"))
      .description("Kibana's base URL (with its base path, if it has one).");
  public static final Option<String> SPACE = Option.key("kibana.space").stringType()
      .description("The Kibana space to import into; empty: the default space.");
  public static final Option<String> USERNAME = Option.key("kibana.username").stringType()
      .description("User for basic auth against Kibana; with kibana.password.");
  public static final Option<String> PASSWORD = Option.key("kibana.password").stringType()
      .secret().description("Password for basic auth against Kibana (set it in the environment"
          + " or a settings file, never on the command line).");
  public static final Option<String> API_KEY = Option.key("kibana.api-key").stringType()
      .secret().description("Kibana API key (base64 id:key), sent as 'Authorization: ApiKey';"
          + " used instead of basic auth when set.");
  public static final Option<Duration> TIMEOUT = Option.key("kibana.timeout").durationType()
      .defaultValue(Duration.ofSeconds(60)).positive()
      .description("How long connecting to Kibana and the import may take.");

  public static final OptionGroup GROUP = OptionGroup.of("kibana",
      "Kibana, for radar dashboards install: where it is, the space, and how to sign in.",
      URL, SPACE, USERNAME, PASSWORD, API_KEY, TIMEOUT);

  public static KibanaSettings from(Config c) {
    String space = c.get(SPACE);
    return new KibanaSettings(c.get(URL), space == null ? "" : space, c.get(USERNAME),
        c.get(PASSWORD), c.get(API_KEY), c.get(TIMEOUT));
  }

  /** The import endpoint: {@code [/s/SPACE]/api/saved_objects/_import?overwrite=true}. */
  public URI importUri() {
    String base = url.toString().replaceAll("/+$", "");
    String prefix = space == null || space.isBlank() || space.equals("default") ? ""
        : "/s/" + space;
    return URI.create(base + prefix + "/api/saved_objects/_import?overwrite=true");
  }

  /** The Authorization header's value, or null without credentials. */
  public String authorization() {
    if (apiKey != null && !apiKey.isBlank()) {
      return "ApiKey " + apiKey;
    }
    if (username != null && !username.isBlank()) {
      String pair = username + ":" + (password == null ? "" : password);
      return "Basic " + java.util.Base64.getEncoder().encodeToString(
          pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return null;
  }

  @Override
  public String toString() {
    return "KibanaSettings[url=" + url + ", space=" + space + ", username=" + username
        + ", password=" + (password == null ? null : "***") + ", apiKey="
        + (apiKey == null ? null : "***") + ", timeout=" + timeout + "]";
  }
}
