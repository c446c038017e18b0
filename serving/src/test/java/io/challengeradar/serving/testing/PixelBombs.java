package io.challengeradar.serving.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small PNGs that declare large canvases: a valid greyscale PNG of {@code width x height} black
 * pixels compresses to about a thousandth of its decoded size (4096 x 4096: about 16 KB for
 * 16 MB of pixels), and one whose pixel data is garbage decodes to nothing at all, which shows
 * whether a server decoded it.
 */
public final class PixelBombs {

  private PixelBombs() {}

  /** A valid 8-bit greyscale PNG, every pixel black. */
  public static byte[] png(int width, int height) {
    byte[] row = new byte[width + 1]; // filter byte 0, then the pixels
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 << 10];
    for (int y = 0; y < height; y++) {
      deflater.setInput(row);
      while (!deflater.needsInput()) {
        compressed.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    deflater.finish();
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return png(width, height, compressed.toByteArray());
  }

  /** A PNG whose header declares {@code width x height} and whose pixel data is garbage. */
  public static byte[] undecodable(int width, int height) {
    return png(width, height, new byte[] {1, 2, 3, 4});
  }

  private static byte[] png(int width, int height, byte[] idat) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
        .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", header.array());
    chunk(out, "IDAT", idat);
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
