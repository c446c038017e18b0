package io.challengeradar.serving.model;

/** The configured device does not exist here; raised at start so the server never comes up half. */
public final class DeviceUnavailableException extends RuntimeException {

  public DeviceUnavailableException(String message) {
    super(message);
  }
}
