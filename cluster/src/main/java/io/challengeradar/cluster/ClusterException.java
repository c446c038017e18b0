package io.challengeradar.cluster;

/** The cluster could not do what was asked; the message says what and what to do about it. */
public class ClusterException extends RuntimeException {
  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
