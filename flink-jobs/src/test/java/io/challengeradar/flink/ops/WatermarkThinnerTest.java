package io.challengeradar.flink.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class WatermarkThinnerTest {

  private static OneInputStreamOperatorTestHarness<String, String> harness() throws Exception {
    OneInputStreamOperatorTestHarness<String, String> h =
        new OneInputStreamOperatorTestHarness<>(new WatermarkThinner<>(Duration.ofMinutes(1)));
    h.open();
    return h;
  }

  @Test
  void letsOnOneWatermarkPerStepOfEventTimeAndEveryRecord() throws Exception {
    try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
      long[] marks = {0, 30_000, 59_999, 60_000, 100_000, 119_999, 120_000, 200_000};
      for (int i = 0; i < marks.length; i++) {
        h.processElement(new StreamRecord<>("post-" + i, marks[i]));
        h.processWatermark(new Watermark(marks[i]));
      }

      assertThat(h.extractOutputValues()).hasSize(marks.length);
      assertThat(watermarks(h)).containsExactly(0L, 60_000L, 120_000L, 200_000L);
    }
  }

  @Test
  void alwaysLetsTheEndOfInputThrough() throws Exception {
    try (OneInputStreamOperatorTestHarness<String, String> h = harness()) {
      h.processWatermark(new Watermark(10_000));
      h.processWatermark(new Watermark(20_000));
      h.processWatermark(Watermark.MAX_WATERMARK);

      assertThat(watermarks(h)).containsExactly(10_000L, Long.MAX_VALUE);
    }
  }

  @Test
  void refusesANegativeStep() {
    assertThatThrownBy(() -> new WatermarkThinner<>(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step");
  }

  private static List<Long> watermarks(OneInputStreamOperatorTestHarness<String, String> h) {
    return h.getOutput().stream()
        .filter(Watermark.class::isInstance)
        .map(o -> ((Watermark) o).getTimestamp())
        .toList();
  }
}
