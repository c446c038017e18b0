package io.challengeradar.core.event;

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

  /** Bytes of an oversized line kept for the dead letter, unless the constructor says otherwise. */
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

  private static final int CHUNK_BYTES = 1 << 16;

  private final InputStream in;
  private final int maxLineBytes;
  private final int oversizedPrefixBytes;
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private int chunkPos;
  private int chunkEnd;
  private boolean eof;
  private byte[] line = new byte[8_192];
  private long lineNumber;

  public NdjsonReader(InputStream in, int maxLineBytes) {
    this(in, maxLineBytes, Math.min(maxLineBytes, OVERSIZED_PREFIX_BYTES));
  }

  /**
   * @param oversizedPrefixBytes how many bytes of an oversized line to keep, at most {@code
   *     maxLineBytes}
   */
  public NdjsonReader(InputStream in, int maxLineBytes, int oversizedPrefixBytes) {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    if (oversizedPrefixBytes < 0 || oversizedPrefixBytes > maxLineBytes) {
      throw new IllegalArgumentException("oversizedPrefixBytes must be between 0 and maxLineBytes ("
          + maxLineBytes + "), was " + oversizedPrefixBytes);
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    this.oversizedPrefixBytes = oversizedPrefixBytes;
  }

  /** The next line, or null at the end of the input. Blank lines are returned too. */
  public Line next() throws IOException {
    if (chunkPos == chunkEnd && !fill()) {
      return null;
    }
    int len = 0; // bytes kept in line
    long total = 0; // bytes the line really has
    while (true) {
      int newline = indexOfNewline();
      int end = newline < 0 ? chunkEnd : newline;
      int run = end - chunkPos;
      int keep = (int) Math.max(0, Math.min(run, (long) maxLineBytes - total));
      if (keep > 0) {
        if (len + keep > line.length) {
          line = Arrays.copyOf(line, Math.max(len + keep, Math.min(maxLineBytes, line.length * 2)));
        }
        System.arraycopy(chunk, chunkPos, line, len, keep);
        len += keep;
      }
      total += run;
      if (newline >= 0) {
        chunkPos = newline + 1;
        break;
      }
      chunkPos = chunkEnd;
      if (!fill()) {
        break;
      }
    }
    lineNumber++;
    if (total > maxLineBytes) {
      return new Line(lineNumber, Arrays.copyOf(line, Math.min(len, oversizedPrefixBytes)), total);
    }
    if (len > 0 && line[len - 1] == '\r') {
      len--;
      total--;
    }
    return new Line(lineNumber, Arrays.copyOf(line, len), total);
  }

  private int indexOfNewline() {
    for (int i = chunkPos; i < chunkEnd; i++) {
      if (chunk[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Reads the next chunk; false at the end of the input. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(chunk, 0, chunk.length);
    while (n == 0) {
      n = in.read(chunk, 0, chunk.length);
    }
    if (n < 0) {
      eof = true;
      chunkPos = chunkEnd = 0;
      return false;
    }
    chunkPos = 0;
    chunkEnd = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
