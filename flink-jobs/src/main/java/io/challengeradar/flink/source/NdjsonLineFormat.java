package io.challengeradar.flink.source;

import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.RawRecord;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.reader.SimpleStreamFormat;
import org.apache.flink.core.fs.FSDataInputStream;

/**
 * Reads an NDJSON file as raw lines numbered from 1, bytes untouched, so the codec (not this
 * reader) judges their encoding. The format is made per file because a stream format is not told
 * which file it reads; it is not splittable, so line numbers stay exact, and after a restore the
 * file source skips the lines already emitted through this same reader, so they stay exact then
 * too.
 */
public final class NdjsonLineFormat extends SimpleStreamFormat<RawRecord> {
  private static final long serialVersionUID = 1L;

  private final String fileName;
  private final int maxLineBytes;

  /**
   * @param fileName how the file is named in dead letters
   * @param maxLineBytes lines longer than this are cut (past the codec's own limit, so the codec
   *     still refuses them as too long) to keep one bad line from exhausting memory
   */
  public NdjsonLineFormat(String fileName, int maxLineBytes) {
    if (maxLineBytes <= 0) {
      throw new IllegalArgumentException("maxLineBytes must be positive, was " + maxLineBytes);
    }
    this.fileName = fileName;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public Reader<RawRecord> createReader(Configuration config, FSDataInputStream stream) {
    return new LineReader(new BufferedInputStream(stream, 1 << 16), fileName, maxLineBytes + 1);
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }

  private static final class LineReader implements Reader<RawRecord> {
    private final InputStream in;
    private final String fileName;
    private final int cap;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lineNumber;

    LineReader(InputStream in, String fileName, int cap) {
      this.in = in;
      this.fileName = fileName;
      this.cap = cap;
    }

    @Override
    public RawRecord read() throws IOException {
      line.reset();
      int b = in.read();
      if (b < 0) {
        return null;
      }
      while (b >= 0 && b != '\n') {
        if (line.size() < cap) {
          line.write(b);
        }
        b = in.read();
      }
      lineNumber++;
      byte[] bytes = line.toByteArray();
      int length = bytes.length;
      if (length > 0 && bytes[length - 1] == '\r') {
        bytes = java.util.Arrays.copyOf(bytes, length - 1);
      }
      return new RawRecord(bytes, Origin.file(fileName, lineNumber));
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
