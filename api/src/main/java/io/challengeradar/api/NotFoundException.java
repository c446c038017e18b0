package io.challengeradar.api;

/** The challenge, video or user asked for is not known (yet). */
public final class NotFoundException extends ApiException {
  public NotFoundException(String message) {
    super("not_found", message, null);
  }
}
