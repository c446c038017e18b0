package io.challengeradar.flink.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a trend is about: a hashtag, or a sound (the post's musicId). */
public enum TagKind {
  HASHTAG("hashtag", "radar-hashtag-windows"),
  SOUND("sound", "radar-sound-windows");

  private final String wire;
  private final String windowIndex;

  TagKind(String wire, String windowIndex) {
    this.wire = wire;
    this.windowIndex = windowIndex;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  public String windowIndex() {
    return windowIndex;
  }
}
