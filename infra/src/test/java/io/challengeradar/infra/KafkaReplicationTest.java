package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class KafkaReplicationTest {
  private static final KafkaReplication.Partition IN_SYNC =
      new KafkaReplication.Partition("radar.posts-0", 3, 3);
  private static final KafkaReplication.Partition CATCHING_UP =
      new KafkaReplication.Partition("__consumer_offsets-7", 3, 1);

  @Test
  void aFreshClusterIsSafeOnceEveryBrokerIsRegistered() {
    assertThat(new KafkaReplication(3, List.of()).shortfall(3)).isEmpty();
    assertThat(new KafkaReplication(2, List.of()).shortfall(3))
        .contains("2 of 3 brokers registered");
  }

  @Test
  void aPartitionWithAReplicaOutOfSyncIsNotSafe() {
    assertThat(new KafkaReplication(3, List.of(IN_SYNC)).shortfall(3)).isEmpty();
    assertThat(new KafkaReplication(3, List.of(IN_SYNC, CATCHING_UP, CATCHING_UP)).shortfall(3))
        .contains("2 partition(s) with replicas not in sync (__consumer_offsets-7: 1 of 3)");
  }

  @Test
  void waitsUntilTheReplicasCatchUpAndGoesOnPastAnUnansweredRead() {
    Deque<Object> reads = new ArrayDeque<>(List.of(
        new TimeoutException("no broker answered"),
        new KafkaReplication(3, List.of(CATCHING_UP)),
        new KafkaReplication(3, List.of(IN_SYNC))));

    KafkaReplication caughtUp = KafkaReplication.await(() -> {
      Object read = reads.removeFirst();
      if (read instanceof Exception e) {
        throw e;
      }
      return (KafkaReplication) read;
    }, 3, Duration.ofSeconds(30), Duration.ZERO);

    assertThat(caughtUp.partitions()).containsExactly(IN_SYNC);
    assertThat(reads).isEmpty();
  }

  @Test
  void aTimeoutNamesWhatWasNotReached() {
    KafkaReplication behind = new KafkaReplication(3, List.of(CATCHING_UP));

    assertThatThrownBy(() -> KafkaReplication.await(() -> behind, 3, Duration.ZERO))
        .isInstanceOf(PlatformException.class)
        .hasMessage("the Kafka cluster of 3 brokers is not safe to lose a broker after 0 s:"
            + " 1 partition(s) with replicas not in sync (__consumer_offsets-7: 1 of 3)");
  }
}
