package io.challengeradar.training.text;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Text to vector, kept in an append-only file so reruns skip the encoder. One file per encoder
 * version and dimension; a torn last record (a killed run) is ignored on the next read and
 * overwritten by the next append.
 */
public final class EmbeddingCache {

  private static final int MAGIC = 0x52454D42; // "REMB"

  private final Path file;
  private final int dimension;
  private final Map<String, float[]> vectors = new HashMap<>();
  private long validBytes;

  private EmbeddingCache(Path file, int dimension) {
    this.file = file;
    this.dimension = dimension;
  }

  public static EmbeddingCache open(Path file, int dimension) throws IOException {
    EmbeddingCache c = new EmbeddingCache(file, dimension);
    c.load();
    return c;
  }

  public int dimension() {
    return dimension;
  }

  public int size() {
    return vectors.size();
  }

  public float[] get(String text) {
    return vectors.get(text);
  }

  public boolean contains(String text) {
    return vectors.containsKey(text);
  }

  /** Adds vectors and appends them to the file. */
  public void putAll(Map<String, float[]> batch) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    boolean fresh = !Files.exists(file) || validBytes == 0;
    try (var channel =
            Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.truncate(validBytes);
      channel.position(validBytes);
      OutputStream raw = java.nio.channels.Channels.newOutputStream(channel);
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
      if (fresh) {
        out.writeInt(MAGIC);
        out.writeInt(dimension);
      }
      for (Map.Entry<String, float[]> e : batch.entrySet()) {
        if (e.getValue().length != dimension) {
          throw new IllegalArgumentException(
              "vector for '" + e.getKey() + "' has " + e.getValue().length + " values, expected " + dimension);
        }
        byte[] text = e.getKey().getBytes(StandardCharsets.UTF_8);
        out.writeInt(text.length);
        out.write(text);
        for (float f : e.getValue()) {
          out.writeFloat(f);
        }
        vectors.put(e.getKey(), e.getValue());
      }
      out.flush();
      validBytes = channel.position();
    }
  }

  private void load() throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        DataInputStream data = new DataInputStream(in)) {
      if (data.readInt() != MAGIC || data.readInt() != dimension) {
        throw new IOException(
            file + " is not an embedding cache of dimension " + dimension + "; delete it to rebuild");
      }
      long pos = 8;
      while (true) {
        try {
          int len = data.readInt();
          byte[] text = data.readNBytes(len);
          if (text.length != len) {
            break;
          }
          float[] v = new float[dimension];
          for (int i = 0; i < dimension; i++) {
            v[i] = data.readFloat();
          }
          vectors.put(new String(text, StandardCharsets.UTF_8), v);
          pos += 4 + len + 4L * dimension;
        } catch (EOFException torn) {
          break;
        }
      }
      validBytes = pos;
    } catch (EOFException empty) {
      validBytes = 0;
    }
  }
}
