package io.challengeradar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.client.ServingClientException;
import io.challengeradar.serving.testing.Http;
import io.challengeradar.serving.testing.TestModels;
import io.challengeradar.serving.testing.TestStore;
import io.challengeradar.serving.wire.Wire;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients against one real server whose MiniLM queue is deliberately tiny: the server sheds
 * load with 429 and Retry-After, answers everything else correctly, never crashes; the Java
 * client rides through the overload with its retries.
 */
class ServingConcurrencyIT {

  private static final int CLIENTS = 24;
  private static final int REQUESTS_PER_CLIENT = 6;

  @TempDir static Path storeDir;
  private static ServingNode node;

  @BeforeAll
  static void start() throws Exception {
    new TestStore(storeDir).minilm("1", 8, 2, 12);
    node = ServingNode.start(ServingNode.Options.from(
        TestModels.settings(storeDir).with(ServingSettings.THREADS, 32, "test"), storeDir));
  }

  @AfterAll
  static void stop() {
    if (node != null) {
      node.close();
    }
  }

  private static String caption(int client, int request) {
    return "client " + client + " posts video " + request + " of a dance challenge";
  }

  @Test
  void shedsOverloadWithRetryAfterAndAnswersEveryOtherRequestCorrectly() throws Exception {
    Http http = new Http(node.port());
    float[] reference =
        new ServingClient(ClientOptions.of(URI.create("http://localhost:" + node.port())))
            .embedCaptions(List.of(caption(3, 2)))
            .get(0);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger missingRetryAfter = new AtomicInteger();
    AtomicInteger wrongVectors = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        done.add(
            pool.submit(
                () -> {
                  go.await();
                  for (int r = 0; r < REQUESTS_PER_CLIENT; r++) {
                    StringBuilder body = new StringBuilder("{\"videos\":[");
                    for (int k = 0; k < 4; k++) {
                      body.append(k == 0 ? "" : ",")
                          .append("{\"caption\":\"").append(caption(client, r + k)).append("\"}");
                    }
                    Http.Answer a = http.post("/v1/embed", body.append("]}").toString());
                    statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
                    if (a.status() == 429 && a.raw().headers().firstValue("Retry-After").isEmpty()) {
                      missingRetryAfter.incrementAndGet();
                    }
                    if (a.status() == 200 && client == 3 && r == 2) {
                      // Batching with strangers must not change a caption's vector.
                      float first = (float) a.json().get("vectors").get(0).get(0).asDouble();
                      if (Math.abs(first - reference[0]) > 1e-4) {
                        wrongVectors.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    assertThat(total).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
    assertThat(statuses.keySet()).as("statuses %s", statuses).isSubsetOf(200, 429);
    assertThat(statuses.get(429)).as("overload was shed, statuses %s", statuses).isNotNull();
    assertThat(statuses.get(200)).as("work was still done, statuses %s", statuses).isNotNull();
    assertThat(missingRetryAfter).hasValue(0);
    assertThat(wrongVectors).hasValue(0);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
    assertThat(http.get("/metrics").body()).contains("radar_serving_errors_total{type=\"over_capacity\"}");
  }

  @Test
  void clientRetriesThroughOverloadSplitsBatchesAndKeepsOrder() throws Exception {
    ClientOptions options =
        ClientOptions.of(URI.create("http://localhost:" + node.port()))
            .withMaxBatch(4)
            .withMaxRetries(50)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(100));
    ServingClient client = new ServingClient(options);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<float[]>>> answers = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int id = c;
        answers.add(
            pool.submit(
                () -> client.embedCaptions(IntStream.range(0, 10).mapToObj(r -> caption(id, r)).toList())));
      }
      List<float[]> mine = answers.get(5).get();
      for (Future<List<float[]>> a : answers) {
        assertThat(a.get()).hasSize(10);
      }
      // Order survives the split into 4 + 4 + 2 and the retries.
      float[] alone = client.embedCaptions(List.of(caption(5, 7))).get(0);
      assertThat(mine.get(7)[0]).isCloseTo(alone[0], org.assertj.core.api.Assertions.within(1e-4f));
    } finally {
      pool.shutdownNow();
    }
    assertThat(client.models()).extracting(Wire.ModelInfo::name).contains("minilm");
    assertThat(client.ready()).isTrue();
  }

  @Test
  void clientDoesNotRetryBadInput() {
    ServingClient client =
        new ServingClient(ClientOptions.of(URI.create("http://localhost:" + node.port())));

    assertThatThrownBy(() -> client.embedCaptions(List.of("fine", " ")))
        .isInstanceOfSatisfying(
            ServingClientException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error()).isEqualTo("bad_input");
              assertThat(e.getMessage()).contains("videos[1].caption");
            });
    assertThat(client.retries()).isZero();
  }

  @Test
  void clientGivesUpWhenNoServerAnswers() {
    ServingClient client =
        new ServingClient(
            ClientOptions.of(URI.create("http://localhost:1"))
                .withMaxRetries(2)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)));

    assertThatThrownBy(() -> client.embedCaptions(List.of("hello")))
        .isInstanceOfSatisfying(
            ServingClientException.class, e -> assertThat(e.retryable()).isTrue());
    assertThat(client.retries()).isEqualTo(2);
    assertThat(client.ready()).isFalse();
  }
}
