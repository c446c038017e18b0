package io.challengeradar.api.http;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK HTTP server's own timeouts, which it reads from system properties once per JVM, when
 * its first server is made: {@code sun.net.httpserver.maxReqTime} (a request's headers and body
 * must arrive within it, else the connection is closed: what cuts off a client that trickles
 * bytes), {@code idleInterval} (idle kept-alive connections). So the first server of a process
 * sets them; a later one asking for others is logged. Each server runs in its own process in
 * every deployment, so this is one setting each. ({@code maxRspTime} stays off: it would count
 * the model's own time, which the engines' deadlines already bound.)
 *
 * <p>{@code io.challengeradar.serving.http} holds the same class: the two servers share only
 * {@code config}, the options system with no dependencies, which is no place for an HTTP helper.
 * Change both together.
 */
final class JdkServerLimits {

  private static final Logger LOG = LoggerFactory.getLogger(JdkServerLimits.class);
  private static String applied; // guarded by the class

  private JdkServerLimits() {}

  /** Sets the timeouts unless a server of this JVM already did. */
  static synchronized void apply(Duration readTimeout, Duration idleTimeout) {
    String wanted = seconds(readTimeout) + "/" + seconds(idleTimeout);
    if (applied != null) {
      if (!applied.equals(wanted)) {
        LOG.warn("the JDK HTTP server reads its timeouts once per process; keeping read/idle {} s"
            + " rather than {} s", applied, wanted);
      }
      return;
    }
    System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(seconds(readTimeout)));
    System.setProperty("sun.net.httpserver.idleInterval", Long.toString(seconds(idleTimeout)));
    // How often the server looks for connections past those limits (its defaults: 1 s, 10 s).
    System.setProperty("sun.net.httpserver.timerMillis", "1000");
    System.setProperty("sun.net.httpserver.clockTick", "1000");
    applied = wanted;
  }

  /** Whole seconds, rounded up: the JDK server's unit. */
  static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
