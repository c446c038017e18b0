package io.challengeradar.serving.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a tiny ONNX image model by hand (protobuf wire format), so tests can prove the DJL model
 * path without any downloaded weights: {@code image (N,3,H,W) -> GlobalAveragePool -> Flatten ->
 * features (N,3)}, i.e. each frame's mean per channel.
 */
public final class TinyOnnx {

  private TinyOnnx() {}

  public static byte[] channelMeanModel() {
    byte[] pool = node("image", "pooled", "GlobalAveragePool");
    byte[] flatten = node("pooled", "features", "Flatten");
    byte[] input = valueInfo("image", dims(param("N"), value(3), param("H"), param("W")));
    byte[] output = valueInfo("features", dims(param("N"), value(3)));
    byte[] graph =
        concat(
            field(1, pool), field(1, flatten), string(2, "channel_mean"), field(11, input), field(12, output));
    byte[] opset = concat(string(1, ""), varintField(2, 13));
    return concat(varintField(1, 7), field(7, graph), field(8, opset));
  }

  private static byte[] node(String in, String out, String op) {
    return concat(string(1, in), string(2, out), string(4, op));
  }

  private static byte[] valueInfo(String name, byte[] shape) {
    byte[] tensor = concat(varintField(1, 1), field(2, shape)); // elem_type 1 = FLOAT
    return concat(string(1, name), field(2, field(1, tensor)));
  }

  private static byte[] dims(byte[]... dims) {
    byte[][] fields = new byte[dims.length][];
    for (int i = 0; i < dims.length; i++) {
      fields[i] = field(1, dims[i]);
    }
    return concat(fields);
  }

  private static byte[] param(String name) {
    return string(2, name);
  }

  private static byte[] value(long v) {
    return varintField(1, v);
  }

  private static byte[] varintField(int field, long v) {
    return concat(varint(field << 3), varint(v));
  }

  private static byte[] string(int field, String s) {
    return field(field, s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] field(int field, byte[] body) {
    return concat(varint((field << 3) | 2), varint(body.length), body);
  }

  private static byte[] varint(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
