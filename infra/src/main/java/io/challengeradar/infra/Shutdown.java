package io.challengeradar.infra;

import java.util.List;
import java.util.function.Function;

/**
 * How the platform, a cluster of nodes and the local Flink cluster stop what they started: every
 * part is stopped even when one before it fails, and the first failure is the one reported, with
 * the later ones suppressed on it (a failed start reports its own failure the same way).
 */
public final class Shutdown {
  private Shutdown() {}

  /**
   * Closes {@code parts} in list order, skipping nulls; then throws {@code asFailure} of the first
   * failure, the later failures suppressed on it.
   */
  public static void inOrder(List<? extends AutoCloseable> parts,
      Function<Exception, RuntimeException> asFailure) {
    RuntimeException failure = null;
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = asFailure.apply(e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Closes what a start that failed with {@code cause} had started; a failure to close is
   * suppressed on {@code cause}, which stays the one reported.
   */
  public static void afterFailedStart(AutoCloseable started, RuntimeException cause) {
    try {
      started.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
