package io.challengeradar.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NdjsonReaderTest {

  @Test
  void numbersLinesAndKeepsBlankAndUnterminatedOnes() throws Exception {
    NdjsonReader reader = reader("a\r\n\nlast", 100);

    assertThat(text(reader.next())).isEqualTo("a");
    NdjsonReader.Line blank = reader.next();
    assertThat(blank.number()).isEqualTo(2);
    assertThat(blank.bytes()).isEmpty();
    NdjsonReader.Line last = reader.next();
    assertThat(last.number()).isEqualTo(3);
    assertThat(text(last)).isEqualTo("last");
    assertThat(reader.next()).isNull();
  }

  @Test
  void oversizedLineKeepsOnlyItsPrefixAndTheNextLineIsIntact() throws Exception {
    String huge = "x".repeat(10_000);
    NdjsonReader reader = reader(huge + "\nnext\n", 5_000);

    NdjsonReader.Line first = reader.next();
    assertThat(first.oversized()).isTrue();
    assertThat(first.length()).isEqualTo(10_000);
    assertThat(first.bytes()).hasSize(NdjsonReader.OVERSIZED_PREFIX_BYTES);
    NdjsonReader.Line second = reader.next();
    assertThat(second.number()).isEqualTo(2);
    assertThat(text(second)).isEqualTo("next");
  }

  @Test
  void lineOfExactlyTheLimitIsNotOversized() throws Exception {
    NdjsonReader reader = reader("12345\n", 5);
    NdjsonReader.Line line = reader.next();
    assertThat(line.oversized()).isFalse();
    assertThat(text(line)).isEqualTo("12345");
  }

  private static NdjsonReader reader(String s, int max) {
    return new NdjsonReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)), max);
  }

  private static String text(NdjsonReader.Line line) {
    return new String(line.bytes(), StandardCharsets.UTF_8);
  }

  @Test
  void linesSpanningManyChunksAndAnOversizedOneKeepTheirNumbersAndBytes() throws Exception {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      in.append("line-").append(i).append('\n');
    }
    in.append("y".repeat(200_000)).append('\n').append("after");
    NdjsonReader reader = reader(in.toString(), 100_000);

    for (int i = 0; i < 20_000; i++) {
      NdjsonReader.Line line = reader.next();
      assertThat(line.number()).isEqualTo(i + 1);
      assertThat(text(line)).isEqualTo("line-" + i);
    }
    NdjsonReader.Line big = reader.next();
    assertThat(big.oversized()).isTrue();
    assertThat(big.length()).isEqualTo(200_000);
    assertThat(text(reader.next())).isEqualTo("after");
    assertThat(reader.next()).isNull();
  }

  @Test
  void emptyInputHasNoLines() throws Exception {
    assertThat(reader("", 10).next()).isNull();
  }

  @Test
  void oversizedLineCanKeepAChosenPrefix() throws Exception {
    NdjsonReader reader = new NdjsonReader(new ByteArrayInputStream(
        "abcdefghij\nok\n".getBytes(StandardCharsets.UTF_8)), 6, 6);

    NdjsonReader.Line cut = reader.next();
    assertThat(cut.oversized()).isTrue();
    assertThat(text(cut)).isEqualTo("abcdef");
    assertThat(cut.length()).isEqualTo(10);
    assertThat(text(reader.next())).isEqualTo("ok");
  }
}
