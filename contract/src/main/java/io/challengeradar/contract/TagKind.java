package io.challengeradar.contract;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a trend is about: a hashtag, or a sound (the post's musicId). Written as its {@link #wire}
 * name in every document's {@code kind} field and in ids ({@code <kind>:<tag>}).
 */
public enum TagKind {
  HASHTAG("hashtag", Index.HASHTAG_WINDOWS),
  SOUND("sound", Index.SOUND_WINDOWS);

  private final String wire;
  private final Index windows;

  TagKind(String wire, Index windows) {
    this.wire = wire;
    this.windows = windows;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  /** The index of this kind's trend windows. */
  public Index windows() {
    return windows;
  }

  /** The name of the index of this kind's trend windows. */
  public String windowIndex() {
    return windows.indexName();
  }

  /** The kind whose wire name is {@code wire}; empty for any other text. */
  public static Optional<TagKind> fromWire(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
  }
}
