package io.challengeradar.serving.http;

/**
 * The HTTP transport's settings.
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param threads request-handling threads; they mostly wait on model engines, so more than cores
 * @param maxBodyBytes largest request body read; larger ones are refused unread
 */
public record ServerOptions(int port, int threads, int maxBodyBytes) {

  public static final int DEFAULT_PORT = 8081;
  public static final int DEFAULT_THREADS = 64;
  public static final int DEFAULT_MAX_BODY_BYTES = 64 << 20;

  public ServerOptions {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1, was " + maxBodyBytes);
    }
  }

  public static ServerOptions defaults() {
    return new ServerOptions(DEFAULT_PORT, DEFAULT_THREADS, DEFAULT_MAX_BODY_BYTES);
  }

  public ServerOptions withPort(int p) {
    return new ServerOptions(p, threads, maxBodyBytes);
  }

  public ServerOptions withThreads(int t) {
    return new ServerOptions(port, t, maxBodyBytes);
  }
}
