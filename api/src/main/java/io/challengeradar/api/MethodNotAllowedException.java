package io.challengeradar.api;

/** The path exists but not for this method; {@link #allowed()} is the one it takes. */
public final class MethodNotAllowedException extends ApiException {
  private final String allowed;

  public MethodNotAllowedException(String path, String allowed) {
    super("method_not_allowed", path + " takes " + allowed, null);
    this.allowed = allowed;
  }

  public String allowed() {
    return allowed;
  }
}
