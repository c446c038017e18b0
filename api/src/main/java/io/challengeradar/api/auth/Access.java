package io.challengeradar.api.auth;

import io.challengeradar.api.ApiSettings;
import io.challengeradar.api.UnauthorizedException;
import java.util.Objects;

/**
 * Who may call the API: holders of the configured keys, or, only when explicitly asked for with
 * {@code --insecure-no-auth}, anyone. Having no keys and no such flag is refused at start.
 */
public final class Access {

  /** The key name requests get in the access log and rate limiter when auth is off. */
  public static final String ANONYMOUS = "anonymous";

  private final ApiKeys keys;
  private final boolean open;

  private Access(ApiKeys keys, boolean open) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.open = open;
  }

  /** Only holders of {@code keys}; fails when there are none. */
  public static Access keys(ApiKeys keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no API keys are configured: give --keys-file ("
          + ApiSettings.KEYS_FILE.key() + ") or " + ApiSettings.KEYS.envVar() + " ("
          + ApiSettings.KEYS.key() + "), or --insecure-no-auth to let anyone in");
    }
    return new Access(keys, false);
  }

  /** Anyone; a key that is presented is still checked, so a wrong one is still refused. */
  public static Access insecureNoAuth(ApiKeys keys) {
    return new Access(keys, true);
  }

  public boolean isOpen() {
    return open;
  }

  /**
   * The name of the caller's key, from {@code X-API-Key} or {@code Authorization: Bearer}.
   *
   * @throws UnauthorizedException when the key is missing (and auth is on) or not configured
   */
  public String authenticate(String apiKeyHeader, String authorizationHeader) {
    String presented = apiKeyHeader;
    if (presented == null && authorizationHeader != null) {
      String a = authorizationHeader.strip();
      if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
        presented = a.substring(7).strip();
      }
    }
    if (presented == null || presented.isEmpty()) {
      if (open) {
        return ANONYMOUS;
      }
      throw new UnauthorizedException(
          "an API key is required: send it as X-API-Key: KEY or Authorization: Bearer KEY");
    }
    return keys.authenticate(presented.strip())
        .orElseThrow(() -> new UnauthorizedException("the API key is not valid"));
  }
}
