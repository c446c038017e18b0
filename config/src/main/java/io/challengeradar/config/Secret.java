package io.challengeradar.config;

import java.io.Serializable;

/**
 * A secret setting's value inside a record or a job's closures: {@link #toString()} is
 * {@code ***}, so a record that holds one prints without it (in a log, an exception, Flink's
 * job description).
 *
 * @param value the secret itself; read it only where it is sent
 */
public record Secret(String value) implements Serializable {
  public Secret {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("value: a secret must not be empty");
    }
  }

  /** The secret, or null for no value. */
  public static Secret ofNullable(String value) {
    return value == null || value.isBlank() ? null : new Secret(value);
  }

  /** The value of {@code secret}, or null. */
  public static String valueOf(Secret secret) {
    return secret == null ? null : secret.value;
  }

  @Override
  public String toString() {
    return "***";
  }
}
