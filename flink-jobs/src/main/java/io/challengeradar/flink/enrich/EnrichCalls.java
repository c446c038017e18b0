package io.challengeradar.flink.enrich;

import io.challengeradar.serving.wire.Wire;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The serving tier's {@code /v1/enrich} as the enrichment operators call it: the job opens a
 * {@link ServingClient}, operator tests a stand-in that answers, fails or stays silent when the
 * test says so.
 */
public interface EnrichCalls extends AutoCloseable {

  /** One call for these posts; the future fails when the serving tier does not answer. */
  CompletableFuture<Wire.EnrichResponse> enrich(List<Wire.EnrichPost> posts);

  @Override
  void close();

  /** Opens the calls on a task manager: operators carry the factory, not the connection. */
  @FunctionalInterface
  interface Factory extends Serializable {
    EnrichCalls open();
  }

  /** Calls through a {@link ServingClient} with these options. */
  static Factory client(ClientOptions options) {
    return () -> {
      ServingClient client = new ServingClient(options);
      return new EnrichCalls() {
        @Override
        public CompletableFuture<Wire.EnrichResponse> enrich(List<Wire.EnrichPost> posts) {
          return client.enrichAsync(posts);
        }

        @Override
        public void close() {
          client.close();
        }
      };
    };
  }
}
