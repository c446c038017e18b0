package io.challengeradar.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.serving.client.ClientOptions;
import io.challengeradar.serving.client.ServingClient;
import io.challengeradar.serving.testing.TestModels;
import io.challengeradar.serving.testing.TestStore;
import io.challengeradar.serving.wire.Wire;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /v1/enrich with a two-head virality version on the real MiniLM: a post with author history is
 * scored by the author-history head, any other by the post-only fallback, and each answer says
 * which.
 */
class AuthorHistoryEnrichIT {

  @TempDir Path storeDir;

  /** sigmoid(bias + weight * x[at]) over {@code inputs} values. */
  private static String head(int inputs, int at, float weight, float bias) {
    StringBuilder row = new StringBuilder();
    for (int i = 0; i < inputs; i++) {
      row.append(i == 0 ? "" : ",").append(i == at ? weight : 0f);
    }
    return "{\"inputDim\":" + inputs + ",\"layers\":[{\"weights\":[[" + row + "]],\"bias\":["
        + bias + "],\"activation\":\"sigmoid\"}]}";
  }

  @Test
  void scoresPostsWithAuthorHistoryWithTheHistoryHeadAndTheRestWithThePostOnlyHead()
      throws Exception {
    TestStore store = new TestStore(storeDir).minilm("1", 16, 2, 256);
    Path dir = Files.createDirectories(storeDir.resolve("virality/2"));
    // The history head weighs author_mean_log_views (after 384 + log_followers); the post-only
    // head is a constant.
    Files.writeString(dir.resolve("head.json"), head(386, 385, 0.5f, -4f));
    Files.writeString(dir.resolve("post-only.json"), head(385, 0, 0f, 1f));
    store.model("virality", "2", "kind=virality-head\nengine=builtin\ninput.encoder=minilm\n"
        + "input.layout=vector\ninput.features=log_followers,author_mean_log_views\n"
        + "fallback.weights.file=post-only.json\nfallback.input.features=log_followers");
    try (ServingNode node = ServingNode.start(ServingNode.Options.from(
            TestModels.settings(storeDir), storeDir));
        ServingClient client = new ServingClient(
            ClientOptions.of(URI.create("http://localhost:" + node.port())))) {
      Wire.EnrichPost known = Wire.EnrichPost.atPost("v1", "a dog on the beach", List.of("fyp"),
          null, 12, 100L, "2024-03-01T10:00:00Z")
          .withAuthorHistory(new Wire.AuthorHistory(3, 10, 1, 0.1, 24));
      Wire.EnrichPost newAuthor = Wire.EnrichPost.atPost("v2", "a cat", List.of(), null, 12, 100L,
          "2024-03-01T10:00:00Z");
      Wire.EnrichPost noneYet = newAuthor.withAuthorHistory(Wire.AuthorHistory.NONE);

      Wire.EnrichResponse answer = client.enrich(List.of(known, newAuthor, noneYet));

      assertThat(answer.viralityModel()).isEqualTo("virality/2");
      assertThat(answer.posts()).extracting(Wire.EnrichedPost::viralityHead)
          .containsExactly("author-history", "post-only", "post-only");
      assertThat(answer.posts().get(0).virality())
          .isCloseTo((float) (1 / (1 + Math.exp(-(-4 + 0.5 * 10)))), within(1e-5f));
      assertThat(answer.posts().get(1).virality())
          .isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-5f));
    }
  }
}
