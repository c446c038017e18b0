package io.challengeradar.serving.http;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.serving.ServingSettings;
import java.time.Duration;

/**
 * The HTTP transport's settings; {@link ServingSettings} defines each one.
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param threads request-handling threads, the requests in flight; they mostly wait on model
 *     engines, so more than cores
 * @param maxBodyBytes largest request body read; larger ones are refused unread (413)
 * @param bindAddress the address listened on (loopback by default)
 * @param token the bearer token every call but health and metrics must carry; null: none.
 *     Never printed: {@link #toString()} masks it
 * @param pendingRequests requests that may wait for a handler thread; more are answered 503
 * @param readTimeout longest time a client may take to send a whole request
 * @param idleTimeout how long a kept-alive connection may sit idle
 */
public record ServerOptions(int port, int threads, int maxBodyBytes, String bindAddress,
    String token, int pendingRequests, Duration readTimeout, Duration idleTimeout) {

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
    if (bindAddress == null || bindAddress.isBlank()) {
      throw new IllegalArgumentException("bindAddress must be set, e.g. 127.0.0.1");
    }
    if (pendingRequests < 1) {
      throw new IllegalArgumentException(
          "pendingRequests must be at least 1, was " + pendingRequests);
    }
    if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("readTimeout must be positive, was " + readTimeout);
    }
    if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
    }
    token = token == null || token.isBlank() ? null : token;
  }

  /** On loopback, without a token, the other limits at their defaults (tests). */
  public ServerOptions(int port, int threads, int maxBodyBytes) {
    this(port, threads, maxBodyBytes, "127.0.0.1", null,
        ServingSettings.PENDING_REQUESTS.defaultValue(),
        ServingSettings.READ_TIMEOUT.defaultValue(), ServingSettings.IDLE_TIMEOUT.defaultValue());
  }

  @Override
  public String toString() {
    return "ServerOptions[port=" + port + ", threads=" + threads + ", maxBodyBytes="
        + maxBodyBytes + ", bindAddress=" + bindAddress + ", token="
        + (token == null ? "none" : "***") + ", pendingRequests=" + pendingRequests
        + ", readTimeout=" + readTimeout + ", idleTimeout=" + idleTimeout + "]";
  }

  public static ServerOptions from(Config settings) {
    return new ServerOptions(settings.get(ServingSettings.PORT),
        settings.get(ServingSettings.THREADS), settings.get(ServingSettings.MAX_BODY_BYTES),
        settings.get(ServingSettings.BIND_ADDRESS), settings.get(CommonOptions.SERVING_TOKEN),
        settings.get(ServingSettings.PENDING_REQUESTS),
        settings.get(ServingSettings.READ_TIMEOUT), settings.get(ServingSettings.IDLE_TIMEOUT));
  }
}
