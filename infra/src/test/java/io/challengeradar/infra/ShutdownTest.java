package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownTest {
  private final List<String> closed = new ArrayList<>();

  private AutoCloseable part(String name) {
    return () -> closed.add(name);
  }

  private AutoCloseable failing(String name, Exception failure) {
    return () -> {
      closed.add(name);
      throw failure;
    };
  }

  @Test
  void closesEveryPartInOrderSkippingMissingOnes() {
    Shutdown.inOrder(Arrays.asList(part("flink"), null, part("kafka"), part("elasticsearch")),
        e -> new IllegalStateException(e));

    assertThat(closed).containsExactly("flink", "kafka", "elasticsearch");
  }

  @Test
  void goesOnPastFailuresAndReportsTheFirstWithTheLaterOnesSuppressed() {
    IOException first = new IOException("first");
    IllegalStateException second = new IllegalStateException("second");

    assertThatThrownBy(() -> Shutdown.inOrder(
        List.of(failing("a", first), part("b"), failing("c", second)),
        e -> new PlatformException("stopping failed: " + e.getMessage(), e)))
        .isInstanceOf(PlatformException.class)
        .hasMessage("stopping failed: first")
        .hasCause(first)
        .satisfies(thrown -> assertThat(thrown.getSuppressed()).containsExactly(second));
    assertThat(closed).containsExactly("a", "b", "c");
  }

  @Test
  void aFailedStartStaysTheFailureReportedWhenClosingAlsoFails() {
    RuntimeException start = new PortTakenException("Elasticsearch's HTTP", 9200);
    IllegalStateException stopping = new IllegalStateException("stopping");

    Shutdown.afterFailedStart(failing("node", stopping), start);

    assertThat(closed).containsExactly("node");
    assertThat(start.getSuppressed()).containsExactly(stopping);
  }
}
