package io.challengeradar.flink.model;

import java.nio.charset.StandardCharsets;

/** One input record before validation: the bytes as read, and where they were read. */
public record RawRecord(byte[] payload, Origin origin) {

  public static RawRecord of(String line, Origin origin) {
    return new RawRecord(line.getBytes(StandardCharsets.UTF_8), origin);
  }

  /** The payload as text for people; invalid UTF-8 becomes replacement characters. */
  public String text() {
    return payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
  }
}
