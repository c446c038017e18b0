package io.challengeradar.flink.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The pieces the explicit serializers of this package write records with: strings as a length
 * and UTF-8 bytes (no 64 KiB limit, unlike {@code writeUTF}), and every nullable value behind a
 * presence byte.
 */
final class Layout {
  private Layout() {}

  static void writeString(DataOutputView out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  static void writeNullable(DataOutputView out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      writeString(out, s);
    }
  }

  static String readNullableString(DataInputView in) throws IOException {
    return in.readBoolean() ? readString(in) : null;
  }

  static void writeNullable(DataOutputView out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  static Instant readNullableInstant(DataInputView in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  static void writeNullable(DataOutputView out, Long v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  static Long readNullableLong(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  static void writeNullable(DataOutputView out, Integer v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeInt(v);
    }
  }

  static Integer readNullableInt(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  static void writeNullable(DataOutputView out, Double v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeDouble(v);
    }
  }

  static Double readNullableDouble(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readDouble() : null;
  }

  /** Three states: null, false, true. */
  static void writeNullable(DataOutputView out, Boolean v) throws IOException {
    out.writeByte(v == null ? 0 : v ? 2 : 1);
  }

  static Boolean readNullableBoolean(DataInputView in) throws IOException {
    byte b = in.readByte();
    return b == 0 ? null : b == 2;
  }

  /** A null array is written as length -1. */
  static void writeNullable(DataOutputView out, String[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (String s : a) {
        writeNullable(out, s);
      }
    }
  }

  static String[] readNullableStrings(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    String[] a = new String[n];
    for (int i = 0; i < n; i++) {
      a[i] = readNullableString(in);
    }
    return a;
  }

  /** A null array is written as length -1. */
  static void writeNullable(DataOutputView out, float[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (float x : a) {
        out.writeFloat(x);
      }
    }
  }

  static float[] readNullableFloats(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readFloat();
    }
    return a;
  }
}
