package io.challengeradar.core.importer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a JSON Lines file into lines of bytes, so that each line is parsed (and its bytes checked
 * as UTF-8) on its own and a bad line costs itself only: a line over {@code maxLineBytes} is
 * skipped to its end without being buffered and comes back marked oversized. The returned line
 * is reused by the next call.
 */
final class JsonLinesReader implements Closeable {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long number;
  private final Line line = new Line();

  JsonLinesReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** One physical line, without its line break. */
  static final class Line {
    private byte[] bytes = new byte[4096];
    private int length;
    private long total;
    private long number;

    byte[] bytes() {
      return bytes;
    }

    int length() {
      return length;
    }

    long number() {
      return number;
    }

    /** Longer than the limit: its bytes are only the start of it. */
    boolean oversized() {
      return total > length;
    }

    long totalBytes() {
      return total;
    }

    boolean isBlank() {
      for (int i = 0; i < length; i++) {
        byte b = bytes[i];
        if (b != ' ' && b != '\t' && b != '\r') {
          return false;
        }
      }
      return total == length;
    }

    /** The start of the line as text, for reject reports (invalid bytes shown as U+FFFD). */
    String raw() {
      int n = Math.min(length, 2 * Reject.MAX_RAW_CHARS);
      String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
      return total > n ? s + "... (" + (total - n) + " more bytes)" : s;
    }
  }

  /** The next line (blank ones included, so numbers stay physical), or null at the end. */
  Line next() throws IOException {
    line.length = 0;
    line.total = 0;
    boolean any = false;
    while (true) {
      if (pos >= limit) {
        int n = in.read(buf);
        if (n <= 0) {
          if (!any) {
            return null;
          }
          break;
        }
        pos = 0;
        limit = n;
      }
      any = true;
      byte b = buf[pos++];
      if (b == '\n') {
        break;
      }
      line.total++;
      if (line.length < maxLineBytes) {
        if (line.length == line.bytes.length) {
          line.bytes = Arrays.copyOf(line.bytes, Math.min(maxLineBytes, line.length * 2));
        }
        line.bytes[line.length++] = b;
      }
    }
    if (line.length > 0 && line.bytes[line.length - 1] == '\r' && !line.oversized()) {
      line.length--;
      line.total--;
    }
    line.number = ++number;
    return line;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
