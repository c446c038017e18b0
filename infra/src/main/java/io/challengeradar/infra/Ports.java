package io.challengeradar.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/** Local TCP port checks. Servers here bind to the loopback interface only. */
public final class Ports {
  private Ports() {}

  /** True when nothing listens on {@code port} on the loopback interface and it can be bound. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // As servers do: sockets in TIME_WAIT from earlier clients must not count as taken.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      return false;
    }
    // A server bound to another local address would still answer here; binding alone misses it.
    return !isListening(port);
  }

  /** True when a connection to {@code port} on the loopback interface is accepted. */
  public static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Where free ports are looked for: above the well-known servers' ports. */
  static final int LOWEST = 10_000;
  /** Linux's default start of the ephemeral range, where its file cannot be read. */
  static final int DEFAULT_EPHEMERAL_START = 32_768;
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  /**
   * Ports this JVM has handed out: a caller asking for two ports before binding either (a
   * server's HTTP and transport ports) must not get the same one twice.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /**
   * A port that was free a moment ago, for a server that binds it later (another process, or a
   * client told the port first). It lies below the kernel's ephemeral range: a port the kernel
   * hands out (port 0) may meanwhile become the local end of some outgoing connection, and then
   * the server's bind fails with "address already in use". Never one this JVM handed out before.
   */
  public static int anyFree() {
    return freeRange(1, offset -> true);
  }

  /**
   * A first port {@code p} such that {@code p + offset} is free for every {@code offset} in
   * {@code [0, span)} that {@code isNeeded} names: a local cluster's nodes sit on consecutive
   * ports. Chosen at random below the ephemeral range (see {@link #anyFree}).
   */
  public static int freeRange(int span, IntPredicate isNeeded) {
    int highest = ephemeralStart() - span;
    if (span < 1 || highest <= LOWEST) {
      throw new IllegalArgumentException("no range of " + span + " ports fits between " + LOWEST
          + " and the ephemeral ports at " + ephemeralStart());
    }
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(LOWEST, highest);
      boolean free = true;
      for (int offset = 0; offset < span && free; offset++) {
        free = !isNeeded.test(offset)
            || !HANDED_OUT.contains(base + offset) && isFree(base + offset);
      }
      if (free && claim(base, span, isNeeded)) {
        return base;
      }
    }
    throw new PlatformException("cannot find " + span + " free local ports between " + LOWEST
        + " and " + ephemeralStart());
  }

  /** Records the range's needed ports as handed out; false when another thread got one first. */
  private static synchronized boolean claim(int base, int span, IntPredicate isNeeded) {
    for (int offset = 0; offset < span; offset++) {
      if (isNeeded.test(offset) && HANDED_OUT.contains(base + offset)) {
        return false;
      }
    }
    for (int offset = 0; offset < span; offset++) {
      if (isNeeded.test(offset)) {
        HANDED_OUT.add(base + offset);
      }
    }
    return true;
  }

  /** The first port of the kernel's ephemeral range (Linux), else the usual default. */
  static int ephemeralStart() {
    try {
      List<String> fields = List.of(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+"));
      int start = Integer.parseInt(fields.get(0));
      return start > LOWEST ? start : DEFAULT_EPHEMERAL_START;
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  /** {@code preferred} when it is free, else any free port. */
  public static int preferredOrAnyFree(int preferred) {
    return preferred > 0 && preferred <= 65535 && isFree(preferred) ? preferred : anyFree();
  }

  public static int checkPort(String name, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(name + " must be in 1..65535, got " + port);
    }
    return port;
  }
}
