package io.challengeradar.kubernetes;

/** Why a render, apply, status or upgrade could not go on; the message says what to do. */
public class KubernetesDeployException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KubernetesDeployException(String message) {
    super(message);
  }

  public KubernetesDeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
