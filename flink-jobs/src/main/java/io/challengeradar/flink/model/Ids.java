package io.challengeradar.flink.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic document ids, so that a replay overwrites what it already wrote. */
public final class Ids {
  private Ids() {}

  /** A readable id for keys that are safe as they are ({@code hashtag:dance:1700000000000}). */
  public static String join(Object... parts) {
    StringBuilder b = new StringBuilder();
    for (Object p : parts) {
      if (b.length() > 0) {
        b.append(':');
      }
      b.append(p);
    }
    return b.toString();
  }

  /** A fixed-length id for keys made of arbitrary text (file paths, payloads). */
  public static String hash(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 20);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
