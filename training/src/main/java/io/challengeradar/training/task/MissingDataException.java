package io.challengeradar.training.task;

/** A data set a task needs is not where it should be. */
public final class MissingDataException extends RuntimeException {
  public MissingDataException(String message) {
    super(message);
  }
}
