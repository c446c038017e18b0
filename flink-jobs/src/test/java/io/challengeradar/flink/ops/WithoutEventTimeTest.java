package io.challengeradar.flink.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class WithoutEventTimeTest {

  @Test
  void passesRecordsOnButNoWatermarkAndAnnouncesItselfIdleOnce() throws Exception {
    try (OneInputStreamOperatorTestHarness<String, String> h =
        new OneInputStreamOperatorTestHarness<>(new WithoutEventTime<>())) {
      h.open();
      h.processWatermark(new Watermark(10_000));
      h.processElement(new StreamRecord<>("a", 20_000));
      h.processWatermarkStatus(WatermarkStatus.ACTIVE);
      h.processWatermark(new Watermark(30_000));
      h.processWatermarkStatus(WatermarkStatus.IDLE);
      h.processElement(new StreamRecord<>("b", 40_000));
      h.processWatermark(Watermark.MAX_WATERMARK);

      assertThat(h.getOutput()).filteredOn(Watermark.class::isInstance).isEmpty();
      assertThat(h.getOutput()).filteredOn(WatermarkStatus.class::isInstance)
          .containsExactly(WatermarkStatus.IDLE);
      assertThat(h.extractOutputValues()).containsExactly("a", "b");
      assertThat(h.extractOutputStreamRecords().stream().map(StreamRecord::getTimestamp))
          .containsExactly(20_000L, 40_000L);
    }
  }

  @Test
  void announcesIdleOnTheFirstRecordToo() throws Exception {
    try (OneInputStreamOperatorTestHarness<String, String> h =
        new OneInputStreamOperatorTestHarness<>(new WithoutEventTime<>())) {
      h.open();
      h.processElement(new StreamRecord<>("a", 20_000));

      assertThat(h.getOutput()).first().isEqualTo(WatermarkStatus.IDLE);
    }
  }
}
