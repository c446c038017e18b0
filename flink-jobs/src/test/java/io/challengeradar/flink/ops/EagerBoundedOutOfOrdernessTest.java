package io.challengeradar.flink.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

/** The watermark generator of every path, with and without the time guard, on a hand-set clock. */
class EagerBoundedOutOfOrdernessTest {
  private static final long NOW = Instant.parse("2026-12-06T03:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;
  private static final long HOUR = 60 * MINUTE;
  private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);

  /** Collects the watermarks a generator emits. */
  private static final class Marks implements WatermarkOutput {
    final List<Long> emitted = new ArrayList<>();

    @Override
    public void emitWatermark(Watermark watermark) {
      emitted.add(watermark.getTimestamp());
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }

  /** A clock that counts how often it is read. */
  private static final class Clock {
    long now = NOW;
    int reads;

    long read() {
      reads++;
      return now;
    }
  }

  @Test
  void aTimestampFarAheadOfTheClockDoesNotMoveTheWatermark() {
    Clock clock = new Clock();
    var generator = new EagerBoundedOutOfOrderness<String>(
        OUT_OF_ORDERNESS, Duration.ofHours(1), clock::read);
    Marks out = new Marks();

    generator.onEvent("normal", NOW - MINUTE, out);
    generator.onEvent("20 hours ahead", NOW + 20 * HOUR, out);
    generator.onEvent("next normal", NOW - MINUTE + 1_000, out);

    assertThat(out.emitted).containsExactly(
        NOW - MINUTE - 30_000 - 1, NOW - MINUTE + 1_000 - 30_000 - 1);
    assertThat(generator.ignoredFutureTimestamps()).isEqualTo(1);
  }

  @Test
  void aTimestampWithinTheSkewMovesItAndOneThatTheClockCaughtUpWithToo() {
    Clock clock = new Clock();
    var generator = new EagerBoundedOutOfOrderness<String>(
        OUT_OF_ORDERNESS, Duration.ofHours(1), clock::read);
    Marks out = new Marks();

    generator.onEvent("exactly the skew ahead", NOW + HOUR, out);
    assertThat(out.emitted).containsExactly(NOW + HOUR - 30_000 - 1);

    generator.onEvent("two hours ahead", NOW + 2 * HOUR, out);
    assertThat(out.emitted).hasSize(1);
    clock.now = NOW + HOUR;
    generator.onEvent("two hours ahead, an hour later", NOW + 2 * HOUR, out);
    assertThat(out.emitted).containsExactly(
        NOW + HOUR - 30_000 - 1, NOW + 2 * HOUR - 30_000 - 1);
  }

  @Test
  void aReplayOfPastEventsBehindTheNewestNeverReadsTheClock() {
    Clock clock = new Clock();
    var generator = new EagerBoundedOutOfOrderness<String>(
        OUT_OF_ORDERNESS, Duration.ofHours(1), clock::read);
    Marks out = new Marks();
    long past = Instant.parse("2021-03-01T00:00:00Z").toEpochMilli();

    generator.onEvent("newest", past + HOUR, out);
    for (int i = 0; i < 100; i++) {
      generator.onEvent("behind it", past + i * 1_000, out);
    }

    assertThat(clock.reads).as("only the timestamp that moved the watermark").isEqualTo(1);
    assertThat(out.emitted).containsExactly(past + HOUR - 30_000 - 1);
  }

  @Test
  void withoutAGuardEveryTimestampCounts() {
    var generator = new EagerBoundedOutOfOrderness<String>(OUT_OF_ORDERNESS);
    Marks out = new Marks();

    generator.onEvent("far ahead", Long.MAX_VALUE / 2, out);

    assertThat(out.emitted).containsExactly(Long.MAX_VALUE / 2 - 30_000 - 1);
  }

  @Test
  void aGuardNeedsAClockAndANonNegativeSkew() {
    assertThatThrownBy(() -> new EagerBoundedOutOfOrderness<String>(
        OUT_OF_ORDERNESS, Duration.ofHours(1), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clock");
    assertThatThrownBy(() -> new EagerBoundedOutOfOrderness<String>(
        OUT_OF_ORDERNESS, Duration.ofHours(-1), () -> NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFutureSkew");
  }
}
