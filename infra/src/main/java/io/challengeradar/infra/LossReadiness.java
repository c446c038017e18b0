package io.challengeradar.infra;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Waits until a local cluster may lose one of its processes: reads its state again and again until
 * nothing is missing any more, and past the deadline names what still is. A read that fails
 * with a checked exception (the cluster does not answer yet) is tried again; a runtime one (a
 * process has exited) ends the wait at once.
 */
final class LossReadiness {

  private LossReadiness() {}

  /** Reads a cluster's state. */
  @FunctionalInterface
  interface Probe<T> {
    T read() throws Exception;
  }

  /**
   * Returns the first state {@code probe} reads whose {@code shortfall} is empty; past
   * {@code timeout}, throws a {@link PlatformException} such as "the Kafka cluster of 3 brokers
   * is not safe to lose a broker after 90 s: 2 of 3 brokers registered".
   *
   * @param cluster the cluster, as the message names it ("the Kafka cluster of 3 brokers")
   * @param member what it may lose ("a broker")
   */
  static <T> T await(String cluster, String member, Probe<T> probe,
      Function<T, Optional<String>> shortfall, Duration timeout, Duration pollInterval) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String missing;
      try {
        T state = probe.read();
        Optional<String> gap = shortfall.apply(state);
        if (gap.isEmpty()) {
          return state;
        }
        missing = gap.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(cluster, member, "not read yet", e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        missing = "it did not answer (" + e.getMessage() + ")";
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new PlatformException(cluster + " is not safe to lose " + member + " after "
            + timeout.toSeconds() + " s: " + missing);
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted(cluster, member, missing, e);
      }
    }
  }

  private static PlatformException interrupted(String cluster, String member, String missing,
      InterruptedException e) {
    return new PlatformException("interrupted while waiting until " + cluster + " may lose "
        + member + " (" + missing + ")", e);
  }
}
