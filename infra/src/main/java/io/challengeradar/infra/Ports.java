package io.challengeradar.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

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

  /** A port that was free a moment ago (the kernel's choice); used when a derived port is busy. */
  public static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new PlatformException("cannot find a free local port: " + e.getMessage(), e);
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
