package io.challengeradar.flink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class NeverIdleTest {

  @Test
  void passesRecordsAndWatermarksOnButNeverAnIdleStatus() throws Exception {
    try (OneInputStreamOperatorTestHarness<String, String> h =
        new OneInputStreamOperatorTestHarness<>(new NeverIdle<>())) {
      h.open();
      h.processElement(new StreamRecord<>("a", 20_000));
      h.processWatermark(new Watermark(10_000));
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processElement(new StreamRecord<>("b", 40_000));
      h.processWatermark(new Watermark(30_000));

      assertThat(h.getOutput()).filteredOn(WatermarkStatus.class::isInstance).isEmpty();
      assertThat(h.getOutput()).filteredOn(Watermark.class::isInstance)
          .containsExactly(new Watermark(10_000), new Watermark(30_000));
      assertThat(h.extractOutputValues()).containsExactly("a", "b");
    }
  }
}
