package io.challengeradar.flink.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private static DeadLetter letter(String raw) {
    return new DeadLetter(raw, DeadLetter.STAGE_PARSE, DeadLetter.REASON_INVALID, "$",
        "not valid JSON", Origin.file("events.ndjson", 7), null, Instant.EPOCH);
  }

  @Test
  void keepsAPayloadWithinTheBoundAsItIs() {
    String raw = "{\"type\":\"post\"}";
    assertThat(letter(raw).raw()).isEqualTo(raw);
  }

  @Test
  void cutsALineOfControlBytesSoItsJsonStaysFarUnderTheSinkLimit() throws Exception {
    // 900,000 NUL characters: each becomes six bytes (\u0000) once written as JSON.
    String raw = "\u0000".repeat(900_000);
    DeadLetter letter = letter(raw);

    assertThat(letter.raw()).hasSizeLessThan(DeadLetter.MAX_RAW_CHARS + 100)
        .startsWith("\u0000\u0000")
        .endsWith("...[cut: 900000 UTF-8 bytes in all, hash " + Ids.hash(raw) + "]");
    byte[] json = new ObjectMapper().writeValueAsBytes(letter.raw());
    assertThat(json.length).isLessThan(2 << 20);
    assertThat(new ObjectMapper().writeValueAsBytes(raw).length).isGreaterThan(5 << 20);
  }

  @Test
  void neverCutsASurrogatePairInHalf() {
    String raw = "a" + "\uD83D\uDE00".repeat(DeadLetter.MAX_RAW_CHARS);
    String kept = letter(raw).raw();
    String text = kept.substring(0, kept.indexOf("...[cut:"));
    assertThat(Character.isHighSurrogate(text.charAt(text.length() - 1))).isFalse();
  }
}
