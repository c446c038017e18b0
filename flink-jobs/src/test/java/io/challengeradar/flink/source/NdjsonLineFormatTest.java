package io.challengeradar.flink.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.flink.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.StreamFormat;
import org.apache.flink.core.fs.local.LocalDataInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonLineFormatTest {

  @TempDir Path tmp;

  @Test
  void numbersLinesAndCutsAHostileLineSoTheCodecStillRefusesItAsTooLong() throws Exception {
    int max = 100;
    Path file = tmp.resolve("events.ndjson");
    Files.writeString(file, "first\r\n" + "x".repeat(5_000) + "\nlast",
        StandardCharsets.UTF_8);

    try (StreamFormat.Reader<RawRecord> reader = new NdjsonLineFormat("events.ndjson", max)
        .createReader(new Configuration(), new LocalDataInputStream(file.toFile()))) {
      RawRecord first = reader.read();
      assertThat(new String(first.payload(), StandardCharsets.UTF_8)).isEqualTo("first");
      assertThat(first.origin().position()).isEqualTo(1);

      RawRecord hostile = reader.read();
      assertThat(hostile.payload()).hasSize(max + 1);
      assertThat(hostile.origin().position()).isEqualTo(2);
      EventCodec codec =
          new EventCodec(EventCodec.withDefaults().options().withMaxLineBytes(max));
      assertThatThrownBy(() -> codec.decode(hostile.payload()))
          .isInstanceOfSatisfying(InvalidEventException.class,
              e -> assertThat(e.reason()).contains("over the limit of " + max));

      RawRecord last = reader.read();
      assertThat(new String(last.payload(), StandardCharsets.UTF_8)).isEqualTo("last");
      assertThat(last.origin().position()).isEqualTo(3);
      assertThat(reader.read()).isNull();
    }
  }
}
