package io.challengeradar.api.query;

import io.challengeradar.api.BadRequestException;

/** What a challenge is about, as the pipeline writes it: a hashtag or a sound (musicId). */
public enum TagKind {
  HASHTAG("hashtag", Indices.HASHTAG_WINDOWS),
  SOUND("sound", Indices.SOUND_WINDOWS);

  private final String wire;
  private final String windowIndex;

  TagKind(String wire, String windowIndex) {
    this.wire = wire;
    this.windowIndex = windowIndex;
  }

  public String wire() {
    return wire;
  }

  /** The index of this kind's trend windows. */
  public String windowIndex() {
    return windowIndex;
  }

  /** Parses the wire name; {@code field} names the parameter in the error. */
  public static TagKind parse(String field, String value) {
    for (TagKind k : values()) {
      if (k.wire.equals(value)) {
        return k;
      }
    }
    throw new BadRequestException(field, "must be hashtag or sound, was '" + value + "'");
  }
}
