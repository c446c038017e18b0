package io.challengeradar.flink.source;

import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.RawRecord;
import java.io.IOException;
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
    // Lines over maxLineBytes keep their first maxLineBytes + 1 bytes: enough for the codec to
    // refuse them as too long, without holding a hostile line in memory.
    int cap = maxLineBytes + 1;
    return new LineReader(new NdjsonReader(stream, cap, cap), fileName);
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }

  private static final class LineReader implements Reader<RawRecord> {
    private final NdjsonReader lines;
    private final String fileName;

    LineReader(NdjsonReader lines, String fileName) {
      this.lines = lines;
      this.fileName = fileName;
    }

    @Override
    public RawRecord read() throws IOException {
      NdjsonReader.Line line = lines.next();
      return line == null ? null
          : new RawRecord(line.bytes(), Origin.file(fileName, line.number()));
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
