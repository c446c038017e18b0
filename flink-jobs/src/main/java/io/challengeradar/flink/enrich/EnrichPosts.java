package io.challengeradar.flink.enrich;

import io.challengeradar.core.event.Post;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * The first attempt to enrich a new post: one non-blocking call to the serving tier's {@code
 * /v1/enrich} (concurrent calls share the server's batches). Whatever goes wrong (no answer, 429,
 * 503, the timeout) completes the attempt as pending at once, so a slow or absent serving tier
 * never holds the stream up for longer than {@code enrichment.timeout}; {@link
 * PendingEnrichments} retries.
 */
public final class EnrichPosts extends RichAsyncFunction<SourcedEvent, EnrichAttempt> {
  private static final long serialVersionUID = 1L;

  private final ClientOptions client;
  private transient ServingClient serving;

  public EnrichPosts(EnrichmentOptions options) {
    // No retries inside the call: a retry would hold an async slot; the keyed retrier waits
    // without holding anything.
    this.client = clientOptions(options).withMaxRetries(0);
  }

  static ClientOptions clientOptions(EnrichmentOptions options) {
    ClientOptions d = ClientOptions.of(options.servingUrl());
    return new ClientOptions(options.servingUrl(), d.connectTimeout(), options.timeout(),
        0, d.initialBackoff(), d.maxBackoff(), d.maxBatch());
  }

  @Override
  public void open(OpenContext ctx) {
    serving = new ServingClient(client);
  }

  @Override
  public void asyncInvoke(SourcedEvent in, ResultFuture<EnrichAttempt> result) {
    Post post = (Post) in.event();
    serving.enrichAsync(List.of(EnrichmentWire.request(post))).whenComplete((answer, error) -> {
      EnrichAttempt attempt;
      try {
        attempt = error != null
            ? new EnrichAttempt(in, EnrichmentWire.pending(post))
            : new EnrichAttempt(in, EnrichmentWire.answer(post, answer, 0, Instant.now()));
      } catch (RuntimeException unexpected) {
        // An answer that does not fit the question: retried like any failure, never fatal.
        attempt = new EnrichAttempt(in, EnrichmentWire.pending(post));
      }
      result.complete(List.of(attempt));
    });
  }

  /** Flink's own deadline (slightly after the HTTP one): the post goes on, pending. */
  @Override
  public void timeout(SourcedEvent in, ResultFuture<EnrichAttempt> result) {
    result.complete(List.of(new EnrichAttempt(in, EnrichmentWire.pending((Post) in.event()))));
  }
}
