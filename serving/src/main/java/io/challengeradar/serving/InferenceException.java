package io.challengeradar.serving;

/** The model itself failed on a batch; the server keeps serving. */
public final class InferenceException extends ServingException {

  public InferenceException(String message, Throwable cause) {
    super("inference_failed", message, cause);
  }
}
