package io.challengeradar.flink.model;

import io.challengeradar.contract.TagKind;
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
public final class Layout {
  private Layout() {}

  public static void writeString(DataOutputView out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  public static String readString(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static void writeNullable(DataOutputView out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      writeString(out, s);
    }
  }

  public static String readNullableString(DataInputView in) throws IOException {
    return in.readBoolean() ? readString(in) : null;
  }

  public static void writeNullable(DataOutputView out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      out.writeLong(t.getEpochSecond());
      out.writeInt(t.getNano());
    }
  }

  public static Instant readNullableInstant(DataInputView in) throws IOException {
    return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
  }

  public static void writeNullable(DataOutputView out, Long v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  public static Long readNullableLong(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  public static void writeNullable(DataOutputView out, Integer v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeInt(v);
    }
  }

  public static Integer readNullableInt(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readInt() : null;
  }

  public static void writeNullable(DataOutputView out, Double v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeDouble(v);
    }
  }

  public static Double readNullableDouble(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readDouble() : null;
  }

  /** Three states: null, false, true. */
  public static void writeNullable(DataOutputView out, Boolean v) throws IOException {
    out.writeByte(v == null ? 0 : v ? 2 : 1);
  }

  public static Boolean readNullableBoolean(DataInputView in) throws IOException {
    byte b = in.readByte();
    return b == 0 ? null : b == 2;
  }

  /** A null array is written as length -1. */
  public static void writeNullable(DataOutputView out, String[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (String s : a) {
        writeNullable(out, s);
      }
    }
  }

  public static String[] readNullableStrings(DataInputView in) throws IOException {
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
  public static void writeNullable(DataOutputView out, float[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (float x : a) {
        out.writeFloat(x);
      }
    }
  }

  public static float[] readNullableFloats(DataInputView in) throws IOException {
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

  /** A tag kind by its wire name (as {@code writeUTF}). */
  public static void writeKind(DataOutputView out, TagKind kind) throws IOException {
    out.writeUTF(kind.wire());
  }

  public static TagKind readKind(DataInputView in) throws IOException {
    String wire = in.readUTF();
    return TagKind.fromWire(wire).orElseThrow(() -> new IOException("unknown tag kind " + wire));
  }

  /** A null array is written as length -1. */
  public static void writeNullable(DataOutputView out, Instant[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (Instant t : a) {
        writeNullable(out, t);
      }
    }
  }

  public static Instant[] readNullableInstants(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    Instant[] a = new Instant[n];
    for (int i = 0; i < n; i++) {
      a[i] = readNullableInstant(in);
    }
    return a;
  }
}
