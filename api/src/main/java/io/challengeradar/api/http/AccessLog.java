package io.challengeradar.api.http;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;

/**
 * One line per request: time, method, path, status, milliseconds, key name. The path is logged
 * without its query, which may carry user ids; keys are logged by name, never by value.
 */
public final class AccessLog {

  private final PrintStream out;
  private final Clock clock;

  public AccessLog(PrintStream out, Clock clock) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public static AccessLog toStderr() {
    return new AccessLog(System.err, Clock.systemUTC());
  }

  public void log(String method, String path, int status, long millis, String keyName) {
    String line = clock.instant() + " " + method + " " + path + " " + status + " " + millis + "ms key="
        + keyName;
    synchronized (out) {
      out.println(line);
    }
  }
}
