package io.challengeradar.infra;

/** A server could not start because something else already listens on its port. */
public final class PortTakenException extends PlatformException {
  private static final long serialVersionUID = 1L;

  private final int port;

  public PortTakenException(String server, int port) {
    super(
        server + " cannot start: port " + port + " is already taken by another process"
            + " (choose another port, or stop what listens there)");
    this.port = port;
  }

  public int port() {
    return port;
  }
}
