package io.challengeradar.infra;

/** The local platform could not do what was asked; the message says what and, where known, why. */
public class PlatformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PlatformException(String message) {
    super(message);
  }

  public PlatformException(String message, Throwable cause) {
    super(message, cause);
  }
}
