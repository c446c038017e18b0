package io.challengeradar.flink.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic document ids, so that a replay overwrites what it already wrote. Every id is at
 * most {@link #MAX_BYTES} UTF-8 bytes, Elasticsearch's limit: one over-long id would fail its
 * whole bulk request.
 */
public final class Ids {
  /** Elasticsearch's limit on a document {@code _id}, in UTF-8 bytes. */
  public static final int MAX_BYTES = 512;

  /** How much of an over-long id stays readable before its hash. */
  static final int READABLE_PREFIX_BYTES = 200;

  private Ids() {}

  /**
   * A readable id ({@code hashtag:dance:1700000000000}). The codec bounds the parts, so ids are
   * readable in practice; should one still exceed {@link #MAX_BYTES}, it becomes its first {@link
   * #READABLE_PREFIX_BYTES} bytes (whole characters), {@code ~} and the hash of the whole id:
   * bounded, stable for the same parts, and distinct for different ones.
   */
  public static String join(Object... parts) {
    StringBuilder b = new StringBuilder();
    for (Object p : parts) {
      if (b.length() > 0) {
        b.append(':');
      }
      b.append(p);
    }
    String id = b.toString();
    if (utf8Length(id) <= MAX_BYTES) {
      return id;
    }
    return prefix(id, READABLE_PREFIX_BYTES) + "~" + hash(id);
  }

  /** The UTF-8 length of {@code s}, without encoding it. */
  static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** The longest start of {@code s} of whole code points that fits in {@code maxBytes}. */
  private static String prefix(String s, int maxBytes) {
    int end = 0;
    int bytes = 0;
    while (end < s.length()) {
      int cp = s.codePointAt(end);
      // A lone surrogate counts 3, as utf8Length counts it.
      int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + width > maxBytes) {
        break;
      }
      bytes += width;
      end += Character.charCount(cp);
    }
    return s.substring(0, end);
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
