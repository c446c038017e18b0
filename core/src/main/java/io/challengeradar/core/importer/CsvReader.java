package io.challengeradar.core.importer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming CSV reader over raw bytes that reads what Python's {@code csv} module writes and
 * reads (RFC 4180 quoting, {@code ""} escapes, newlines inside quotes), with the same leniency as
 * Python's default {@code strict=False}: a character after a closing quote is kept as text instead
 * of failing the file. The public YouTube v2 file needs that ({@code "a"|"b"} tag lists), and the
 * off-the-shelf Jackson CSV parser refuses it, so this small reader is used for every CSV format.
 *
 * <p>It works on bytes and decodes each field only when asked, so an invalid UTF-8 byte, a 10 MB
 * field or an unterminated quote costs one rejected row, not the file: records over {@code
 * maxRecordBytes} are skipped to their end without being buffered and come back marked {@link
 * CsvRecord#oversized()}. Each record knows the physical line it starts on and keeps a short raw
 * prefix for reject reports. A UTF-8 byte-order mark at the start is skipped; blank lines are
 * skipped. The returned record is reused by the next call.
 */
final class CsvReader implements Closeable {

  static final int DEFAULT_MAX_RECORD_BYTES = 4 << 20;
  static final int MAX_FIELDS = 4_096;
  private static final int RAW_PREFIX_BYTES = 2 * Reject.MAX_RAW_CHARS;

  private static final int START_RECORD = 0;
  private static final int START_FIELD = 1;
  private static final int IN_FIELD = 2;
  private static final int IN_QUOTED = 3;
  private static final int QUOTE_IN_QUOTED = 4;

  private final InputStream in;
  private final int maxRecordBytes;
  private final byte delimiter;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean started;
  private boolean eof;

  private long line = 1;
  private boolean prevCr;

  private final CsvRecord record = new CsvRecord();

  CsvReader(InputStream in) {
    this(in, DEFAULT_MAX_RECORD_BYTES);
  }

  CsvReader(InputStream in, int maxRecordBytes) {
    this(in, maxRecordBytes, (byte) ',');
  }

  /** @param delimiter the one-byte field separator ({@code ,}, {@code ;}, tab, {@code |}) */
  CsvReader(InputStream in, int maxRecordBytes, byte delimiter) {
    if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
      throw new IllegalArgumentException("a quote or a line break cannot be the delimiter");
    }
    this.in = in;
    this.maxRecordBytes = maxRecordBytes;
    this.delimiter = delimiter;
  }

  /** The next record, or null at the end of the input. */
  CsvRecord next() throws IOException {
    record.reset();
    int state = START_RECORD;
    while (true) {
      if (pos >= limit && !fill()) {
        if (state == START_RECORD) {
          return null;
        }
        record.unterminated = state == IN_QUOTED;
        record.endField();
        return record;
      }
      byte b = buf[pos++];
      // Physical lines: \n, \r\n and a lone \r each end one.
      if (b == '\n') {
        if (!prevCr) {
          line++;
        }
        prevCr = false;
      } else if (b == '\r') {
        line++;
        prevCr = true;
      } else {
        prevCr = false;
      }
      if (state == START_RECORD) {
        if (b == '\n' || b == '\r') {
          continue; // blank line, or the \n of a \r\n that ended the previous record
        }
        record.line = line;
        state = START_FIELD;
      }
      boolean newline = b == '\n' || b == '\r';
      if (!newline || state == IN_QUOTED) {
        record.raw(b);
      }
      switch (state) {
        case START_FIELD -> {
          if (b == '"') {
            state = IN_QUOTED;
          } else if (b == delimiter) {
            record.endField();
          } else if (newline) {
            record.endField();
            return record;
          } else {
            record.append(b);
            state = IN_FIELD;
          }
        }
        case IN_FIELD -> {
          if (b == delimiter) {
            record.endField();
            state = START_FIELD;
          } else if (newline) {
            record.endField();
            return record;
          } else {
            record.append(b);
          }
        }
        case IN_QUOTED -> {
          if (b == '"') {
            state = QUOTE_IN_QUOTED;
          } else {
            record.append(b);
          }
        }
        case QUOTE_IN_QUOTED -> {
          if (b == '"') {
            record.append(b);
            state = IN_QUOTED;
          } else if (b == delimiter) {
            record.endField();
            state = START_FIELD;
          } else if (newline) {
            record.endField();
            return record;
          } else {
            record.append(b); // lenient, as Python: text after a closing quote is kept
            state = IN_FIELD;
          }
        }
        default -> throw new IllegalStateException("state " + state);
      }
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.readNBytes(buf, 0, buf.length);
    if (n <= 0) {
      eof = true;
      return false;
    }
    pos = 0;
    limit = n;
    if (!started) {
      started = true;
      if (n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
        pos = 3;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** One record's fields as byte ranges of a reused buffer, decoded on demand. */
  final class CsvRecord {
    private byte[] data = new byte[4096];
    private int length;
    private int[] ends = new int[64];
    private int fields;
    private int fieldStart;
    private final byte[] rawPrefix = new byte[RAW_PREFIX_BYTES];
    private int rawLength;
    private long rawTotal;
    private long line;
    private boolean oversized;
    private boolean tooManyFields;
    private boolean unterminated;
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private void reset() {
      length = 0;
      fields = 0;
      fieldStart = 0;
      rawLength = 0;
      rawTotal = 0;
      oversized = false;
      tooManyFields = false;
      unterminated = false;
    }

    private void append(byte b) {
      if (length == data.length) {
        if (length >= maxRecordBytes) {
          oversized = true;
          return;
        }
        data = Arrays.copyOf(data, Math.min(maxRecordBytes, length * 2));
      }
      data[length++] = b;
    }

    private void raw(byte b) {
      rawTotal++;
      if (rawLength < rawPrefix.length) {
        rawPrefix[rawLength++] = b;
      }
    }

    private void endField() {
      if (fields == MAX_FIELDS) {
        tooManyFields = true;
        fieldStart = length;
        return;
      }
      if (fields == ends.length) {
        ends = Arrays.copyOf(ends, fields * 2);
      }
      ends[fields++] = length;
      fieldStart = length;
    }

    /** The physical line (1-based) the record starts on. */
    long line() {
      return line;
    }

    int size() {
      return fields;
    }

    /** The record was longer than the reader's limit; its fields are incomplete. */
    boolean oversized() {
      return oversized;
    }

    boolean tooManyFields() {
      return tooManyFields;
    }

    /** The input ended inside a quoted field. */
    boolean unterminated() {
      return unterminated;
    }

    long bytes() {
      return rawTotal;
    }

    /** Field {@code i} as text; {@code name} is used in the error for bytes that are not UTF-8. */
    String text(int i, String name) throws RowException {
      int start = i == 0 ? 0 : ends[i - 1];
      int end = ends[i];
      boolean ascii = true;
      for (int k = start; k < end; k++) {
        if (data[k] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        return new String(data, start, end - start, StandardCharsets.ISO_8859_1);
      }
      try {
        decoder.reset();
        CharBuffer chars = decoder.decode(ByteBuffer.wrap(data, start, end - start));
        return chars.toString();
      } catch (CharacterCodingException e) {
        throw new RowException(name, "not valid UTF-8 text");
      }
    }

    /** The start of the record as written, for reject reports (invalid bytes shown as U+FFFD). */
    String raw() {
      String s = new String(rawPrefix, 0, rawLength, StandardCharsets.UTF_8);
      long more = rawTotal - rawLength;
      return more > 0 ? s + "... (" + more + " more bytes)" : s;
    }
  }
}
