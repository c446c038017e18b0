package io.challengeradar.api;

/** No API key, or one that is not configured. The message never echoes the key. */
public final class UnauthorizedException extends ApiException {
  public UnauthorizedException(String message) {
    super("unauthorized", message, null);
  }
}
