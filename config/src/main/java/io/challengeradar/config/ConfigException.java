package io.challengeradar.config;

/** A setting that cannot be used: its message names the key, where it came from and why. */
public final class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
