package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElasticsearchFormationTest {
  private static final Set<String> THREE = Set.of("a", "b", "c");
  private static final String PLACEHOLDER = ElasticsearchFormation.PLACEHOLDER + "-c";

  private static ElasticsearchFormation formation(Set<String> nodes, List<String> voting,
      String health) {
    return new ElasticsearchFormation(nodes, voting, health, "green".equals(health) ? 0 : 3);
  }

  @Test
  void anEvenNumberOfNodesVotesWithOneFewer() {
    assertThat(List.of(1, 2, 3, 4, 5, 6).stream().map(ElasticsearchFormation::settledVotingSize))
        .containsExactly(1, 1, 3, 3, 5, 5);
  }

  @Test
  void threeNodesAreSafeOnlyOnceAllThreeVoteAndTheHealthIsGreen() {
    assertThat(formation(THREE, List.of("a", "b", "c"), "green").shortfall(3)).isEmpty();
    assertThat(formation(THREE, List.of("a", "b", "c"), "yellow").shortfall(3))
        .contains("health yellow, not green (3 unassigned shard(s))");
  }

  @Test
  void aBootstrapPlaceholderIsNotAVoter() {
    ElasticsearchFormation bootstrapped = formation(THREE, List.of("a", "b", PLACEHOLDER),
        "green");

    assertThat(bootstrapped.votingSettled(3)).isFalse();
    assertThat(bootstrapped.shortfall(3))
        .contains("the voting configuration still holds 1 bootstrap placeholder(s) (3 entries)");
    assertThat(bootstrapped.describeVoting())
        .isEqualTo("voting configuration of 3 entries, 1 of them a bootstrap placeholder");
  }

  @Test
  void aNodeNotYetJoinedComesFirst() {
    assertThat(formation(Set.of("a", "b"), List.of("a", "b", PLACEHOLDER), "yellow")
        .shortfall(3)).contains("2 of 3 nodes joined");
  }

  @Test
  void twoNodesSettleOnOneVoterAndFourOnThree() {
    Set<String> two = Set.of("a", "b");
    assertThat(formation(two, List.of("a"), "green").shortfall(2)).isEmpty();
    // Both nodes voting is the bootstrap configuration before the master shrinks it.
    assertThat(formation(two, List.of("a", "b"), "green").shortfall(2)).contains(
        "the voting configuration holds 2 node(s), of which 2 in the cluster; 1 expected for 2"
            + " nodes");
    Set<String> four = Set.of("a", "b", "c", "d");
    assertThat(formation(four, List.of("a", "b", "d"), "green").shortfall(4)).isEmpty();
    assertThat(formation(four, List.of("a", "b", "c", "d"), "green").votingSettled(4)).isFalse();
  }

  @Test
  void aVoterThatIsNotInTheClusterDoesNotCount() {
    assertThat(formation(THREE, List.of("a", "b", "gone"), "green").shortfall(3)).contains(
        "the voting configuration holds 3 node(s), of which 2 in the cluster; 3 expected for 3"
            + " nodes");
  }

  @Test
  void waitsUntilTheClusterFormsAndGoesOnPastAnUnansweredRead() {
    Deque<Object> reads = new ArrayDeque<>(List.of(
        new IOException("connection refused"),
        formation(THREE, List.of("a", "b", PLACEHOLDER), "green"),
        formation(THREE, List.of("a", "b", "c"), "green")));

    ElasticsearchFormation formed = ElasticsearchFormation.await(() -> next(reads), 3,
        Duration.ofSeconds(30), Duration.ZERO);

    assertThat(formed.votingConfig()).containsExactly("a", "b", "c");
    assertThat(reads).isEmpty();
  }

  @Test
  void aTimeoutNamesWhatWasNotReached() {
    ElasticsearchFormation stuck = formation(THREE, List.of("a", "b", PLACEHOLDER), "green");

    assertThatThrownBy(() -> ElasticsearchFormation.await(() -> stuck, 3, Duration.ZERO))
        .isInstanceOf(PlatformException.class)
        .hasMessage("the Elasticsearch cluster of 3 nodes is not safe to lose a node after 0 s:"
            + " the voting configuration still holds 1 bootstrap placeholder(s) (3 entries)");
  }

  private static ElasticsearchFormation next(Deque<Object> reads) throws IOException {
    Object read = reads.removeFirst();
    if (read instanceof IOException e) {
      throw e;
    }
    return (ElasticsearchFormation) read;
  }
}
