package io.challengeradar.serving.http;

import io.challengeradar.config.Config;
import io.challengeradar.serving.ServingSettings;

/**
 * The HTTP transport's settings; {@link ServingSettings} defines each one.
 *
 * @param port TCP port; 0 picks a free one (tests)
 * @param threads request-handling threads; they mostly wait on model engines, so more than cores
 * @param maxBodyBytes largest request body read; larger ones are refused unread
 */
public record ServerOptions(int port, int threads, int maxBodyBytes) {

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

  public static ServerOptions from(Config settings) {
    return new ServerOptions(settings.get(ServingSettings.PORT),
        settings.get(ServingSettings.THREADS), settings.get(ServingSettings.MAX_BODY_BYTES));
  }
}
