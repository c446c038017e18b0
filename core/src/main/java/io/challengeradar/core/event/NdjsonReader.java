package io.challengeradar.core.event;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads NDJSON as raw lines of bytes, numbered from 1, so that decoding (and its UTF-8 check)
 * stays with {@link EventCodec}. Memory is bounded: a line longer than {@code maxLineBytes} is not
 * kept; it comes back as an {@link Line#oversized()} line holding only its first bytes, and the
 * reader skips to the next newline. A final line without a newline is still a line; a trailing
 * '\r' is dropped.
 */
public final class NdjsonReader implements Closeable {

  /** Bytes of an oversized line kept for the dead letter. */
  public static final int OVERSIZED_PREFIX_BYTES = 4_096;

  /**
   * One line.
   *
   * @param number the 1-based line number in the input
   * @param bytes the line without its line break, or its first bytes when oversized
   * @param length the line's real length in bytes
   */
  public record Line(long number, byte[] bytes, long length) {
    public boolean oversized() {
      return length > bytes.length;
    }
  }

  private final InputStream in;
  private final int maxLineBytes;
  private byte[] buf = new byte[8_192];
  private long lineNumber;

  public NdjsonReader(InputStream in, int maxLineBytes) {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16);
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or null at the end of the input. Blank lines are returned too. */
  public Line next() throws IOException {
    int len = 0;
    long total = 0;
    int b = in.read();
    if (b < 0) {
      return null;
    }
    while (b >= 0 && b != '\n') {
      if (total < maxLineBytes) {
        if (len == buf.length) {
          buf = Arrays.copyOf(buf, Math.min(maxLineBytes, buf.length * 2));
        }
        buf[len++] = (byte) b;
      }
      total++;
      b = in.read();
    }
    lineNumber++;
    if (total > maxLineBytes) {
      return new Line(lineNumber, Arrays.copyOf(buf, Math.min(len, OVERSIZED_PREFIX_BYTES)), total);
    }
    if (len > 0 && buf[len - 1] == '\r') {
      len--;
      total--;
    }
    return new Line(lineNumber, Arrays.copyOf(buf, len), total);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
