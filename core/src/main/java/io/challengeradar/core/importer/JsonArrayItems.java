package io.challengeradar.core.importer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams the items of one JSON array as raw byte slices, without parsing them: either the array
 * that is the whole document, or the one under a named field of the top-level object ({@code
 * {"headers":…,"collector":[…]}}). Each item is then parsed on its own, so a truncated file, a
 * broken item or an invalid UTF-8 byte costs that item only, and an item over {@code
 * maxItemBytes} is skipped to its end without being buffered. The scan tracks strings and
 * nesting only; it does not validate JSON (the per-item parse does).
 */
final class JsonArrayItems implements Closeable {

  static final int DEFAULT_MAX_ITEM_BYTES = 4 << 20;
  private static final int RAW_PREFIX_BYTES = 2 * Reject.MAX_RAW_CHARS;

  /** One item of the array. {@code bytes} is null when the item was over the size limit. */
  record Item(long index, long line, byte[] bytes, long size, boolean truncated, String rawPrefix) {}

  private final InputStream in;
  private final String arrayField;
  private final int maxItemBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private boolean eof;
  private long line = 1;
  private boolean inArray;
  private boolean topLevelArray;
  private boolean arrayDone;
  private long index;

  /**
   * @param arrayField the top-level object's field holding the array; the whole document must be
   *     the array when the document starts with '[' instead
   */
  JsonArrayItems(InputStream in, String arrayField, int maxItemBytes) {
    this.in = in;
    this.arrayField = arrayField;
    this.maxItemBytes = maxItemBytes;
  }

  /** The next item, or null after the array's last item. */
  Item next() throws IOException {
    if (arrayDone) {
      return null;
    }
    if (!inArray) {
      seekArray();
      inArray = true;
    }
    // skip separators between items
    int b;
    while (true) {
      b = read();
      if (b < 0) {
        arrayDone = true; // the file ends inside the array: items so far were complete
        return null;
      }
      if (b == ']') {
        arrayDone = true;
        return null;
      }
      if (b != ',' && !isSpace(b)) {
        break;
      }
    }
    return readItem(b);
  }

  private Item readItem(int first) throws IOException {
    long startLine = line;
    byte[] data = new byte[256];
    int len = 0;
    long size = 0;
    byte[] raw = new byte[RAW_PREFIX_BYTES];
    int rawLen = 0;
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    boolean scalar = first != '{' && first != '[';
    int b = first;
    while (true) {
      if (scalar && !inString && (b == ',' || b == ']')) {
        if (b == ']') {
          arrayDone = true;
        }
        break;
      }
      size++;
      if (data != null) {
        if (len == data.length) {
          data = len >= maxItemBytes ? null : Arrays.copyOf(data, Math.min(maxItemBytes,
              len * 2));
        }
        if (data != null) {
          data[len++] = (byte) b;
        }
      }
      if (rawLen < raw.length) {
        raw[rawLen++] = (byte) b;
      }
      if (inString) {
        if (escape) {
          escape = false;
        } else if (b == '\\') {
          escape = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        depth--;
        if (depth == 0 && !scalar) {
          break;
        }
      }
      b = read();
      if (b < 0) {
        arrayDone = true;
        String prefix = new String(raw, 0, rawLen, StandardCharsets.UTF_8);
        return new Item(index++, startLine, null, size, true, prefix);
      }
    }
    String prefix = new String(raw, 0, rawLen, StandardCharsets.UTF_8);
    byte[] bytes = data == null ? null : Arrays.copyOf(data, len);
    return new Item(index++, startLine, bytes, size, false, prefix);
  }

  /** Whether the items are the document itself rather than a field of it (known after next()). */
  boolean isTopLevelArray() {
    return topLevelArray;
  }

  /** Moves to just after the '[' that opens the items. */
  private void seekArray() throws IOException {
    int b = skipSpace(read());
    if (b == 0xEF) { // UTF-8 byte-order mark
      read();
      read();
      b = skipSpace(read());
    }
    if (b == '[') {
      topLevelArray = true;
      return;
    }
    if (b != '{') {
      throw new ImportException("expected a JSON object with a '" + arrayField
          + "' array, or an array, at the start; found " + describe(b));
    }
    // Walk the top-level object's members: key, ':', value; skip values until the named array.
    while (true) {
      b = skipSpace(read());
      if (b == '}' || b < 0) {
        throw new ImportException("no '" + arrayField + "' array in the top-level object");
      }
      if (b == ',') {
        continue;
      }
      if (b != '"') {
        throw new ImportException("malformed top-level object near line " + line);
      }
      String key = readKey();
      b = skipSpace(read());
      if (b != ':') {
        throw new ImportException("malformed top-level object near line " + line);
      }
      b = skipSpace(read());
      if (key.equals(arrayField)) {
        if (b != '[') {
          throw new ImportException("'" + arrayField + "' is not an array");
        }
        return;
      }
      skipValue(b);
    }
  }

  private String readKey() throws IOException {
    StringBuilder key = new StringBuilder();
    boolean escape = false;
    while (true) {
      int b = read();
      if (b < 0) {
        throw new ImportException("the file ends inside a key of the top-level object");
      }
      if (escape) {
        escape = false;
      } else if (b == '\\') {
        escape = true;
      } else if (b == '"') {
        return key.toString();
      }
      if (key.length() < 256) {
        key.append((char) b);
      }
    }
  }

  private void skipValue(int first) throws IOException {
    int depth = 0;
    boolean inString = false;
    boolean escape = false;
    int b = first;
    while (true) {
      if (inString) {
        if (escape) {
          escape = false;
        } else if (b == '\\') {
          escape = true;
        } else if (b == '"') {
          inString = false;
          if (depth == 0) {
            return;
          }
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        if (depth == 0) {
          throw new ImportException("no '" + arrayField + "' array in the top-level object");
        }
        depth--;
        if (depth == 0) {
          return;
        }
      } else if (depth == 0 && (b == ',' || isSpace(b))) {
        return; // end of a scalar
      }
      b = read();
      if (b < 0) {
        throw new ImportException("no '" + arrayField + "' array in the top-level object "
            + "(the file ends first)");
      }
    }
  }

  private int skipSpace(int b) throws IOException {
    while (b >= 0 && isSpace(b)) {
      b = read();
    }
    return b;
  }

  private static boolean isSpace(int b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static String describe(int b) {
    return b < 0 ? "the end of the file" : "'" + (char) b + "'";
  }

  private int read() throws IOException {
    if (pos >= limit) {
      if (eof) {
        return -1;
      }
      int n = in.readNBytes(buf, 0, buf.length);
      if (n <= 0) {
        eof = true;
        return -1;
      }
      pos = 0;
      limit = n;
    }
    int b = buf[pos++] & 0xFF;
    if (b == '\n') {
      line++;
    }
    return b;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
