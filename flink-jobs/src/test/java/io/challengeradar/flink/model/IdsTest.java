package io.challengeradar.flink.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdsTest {

  private static int bytes(String id) {
    return id.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void keepsAnIdWithinTheLimitAsItIs() {
    assertThat(Ids.join("hashtag", "dance", 1_700_000_000_000L))
        .isEqualTo("hashtag:dance:1700000000000");
    String tag = "x".repeat(Ids.MAX_BYTES - "hashtag:".length());
    assertThat(Ids.join("hashtag", tag)).isEqualTo("hashtag:" + tag);
  }

  @Test
  void boundsAnOverLongIdStablyAndDistinctly() {
    String tag = "x".repeat(600);
    String id = Ids.join("hashtag", tag, 1_700_000_000_000L);

    assertThat(bytes(id)).isLessThanOrEqualTo(Ids.MAX_BYTES);
    assertThat(id).startsWith("hashtag:xxx").contains("~");
    assertThat(Ids.join("hashtag", tag, 1_700_000_000_000L)).isEqualTo(id);
    assertThat(Ids.join("hashtag", tag, 1_700_000_060_000L)).isNotEqualTo(id);
  }

  @Test
  void cutsMultiByteTextOnWholeCharacters() {
    // Four-byte characters (a surrogate pair each): the readable part must not end in half of one.
    String tag = "\uD83D\uDE00".repeat(200);
    String id = Ids.join("hashtag", tag, "IGNITING", 1_700_000_000_000L);

    assertThat(bytes(id)).isLessThanOrEqualTo(Ids.MAX_BYTES);
    String readable = id.substring(0, id.indexOf('~'));
    assertThat(bytes(readable)).isLessThanOrEqualTo(Ids.READABLE_PREFIX_BYTES);
    assertThat(new String(readable.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(readable);
    assertThat(Character.isHighSurrogate(readable.charAt(readable.length() - 1))).isFalse();
    assertThat(Ids.utf8Length(id)).isEqualTo(bytes(id));
  }
}
