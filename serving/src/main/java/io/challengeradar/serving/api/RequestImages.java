package io.challengeradar.serving.api;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.TooLargeException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The images of one request, in two passes: {@link #add} reads each image's header (width and
 * height, through the ImageIO reader's metadata, no pixels) and charges it to the request's
 * decoded-pixel budget; only once every image of the request has fit does {@link #decode} decode
 * any. So a few kilobytes declaring a huge canvas, many times over, cost their headers only.
 */
final class RequestImages {

  /** An image whose header was read: its bytes wait to be decoded. */
  record Sized(String field, byte[] bytes, int width, int height) {}

  private final ServingLimits limits;
  private long pixels;

  RequestImages(ServingLimits limits) {
    this.limits = limits;
  }

  /** Pixels charged so far. */
  long pixels() {
    return pixels;
  }

  /**
   * Checks one video's thumbnail and frames and charges them to the budget.
   *
   * @param field the video's JSON path, e.g. {@code videos[3]}
   * @throws BadInputException too many images, invalid base64, an unreadable header (400)
   * @throws TooLargeException an image over its byte or pixel limit, or the request over its
   *     pixel budget (413), naming the image where it ran out
   */
  List<Sized> add(String field, String image, List<String> frames) {
    List<String> encoded = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    if (image != null) {
      encoded.add(image);
      fields.add(field + ".image");
    }
    if (frames != null) {
      for (int k = 0; k < frames.size(); k++) {
        encoded.add(frames.get(k));
        fields.add(field + ".frames[" + k + "]");
      }
    }
    if (encoded.size() > limits.maxFrames()) {
      throw new BadInputException(field + ".frames",
          encoded.size() + " images, over the limit of " + limits.maxFrames() + " per video");
    }
    List<Sized> sized = new ArrayList<>(encoded.size());
    for (int k = 0; k < encoded.size(); k++) {
      Sized s = header(fields.get(k), encoded.get(k));
      long area = (long) s.width() * s.height();
      if (area > limits.maxImagePixels()) {
        throw new TooLargeException(s.field(), s.width() + "x" + s.height() + " pixels, over the"
            + " limit of " + limits.maxImagePixels() + " per image (serving.max-image-pixels)");
      }
      pixels += area;
      if (pixels > limits.maxRequestPixels()) {
        throw new TooLargeException(s.field(), "the request's images come to " + pixels
            + " pixels with this one, over the budget of " + limits.maxRequestPixels()
            + " per request (serving.max-request-pixels)");
      }
      sized.add(s);
    }
    return sized;
  }

  /** Decodes images whose headers {@link #add} accepted. */
  static List<BufferedImage> decode(List<Sized> images) {
    List<BufferedImage> out = new ArrayList<>(images.size());
    for (Sized s : images) {
      out.add(decode(s));
    }
    return out;
  }

  private Sized header(String field, String base64) {
    if (base64 == null) {
      throw new BadInputException(field, "must be a base64 string");
    }
    // A base64 text of n chars decodes to at most 3n/4 bytes: refuse before allocating.
    if ((long) base64.length() * 3 / 4 > limits.maxImageBytes() + 3L) {
      throw new TooLargeException(field, "over the limit of " + limits.maxImageBytes()
          + " bytes (serving.max-image-bytes)");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(field, "not valid base64: " + e.getMessage());
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = reader(field, in);
      try {
        reader.setInput(in, true, true);
        return new Sized(field, bytes, reader.getWidth(0), reader.getHeight(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException bad) {
        throw bad;
      }
      throw new BadInputException(field, "not a decodable image header: " + e.getMessage());
    }
  }

  private static BufferedImage decode(Sized s) {
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(s.bytes()))) {
      ImageReader reader = reader(s.field(), in);
      try {
        reader.setInput(in, true, true);
        image = reader.read(0);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof BadInputException bad) {
        throw bad;
      }
      throw new BadInputException(s.field(), "not a decodable image: " + e.getMessage());
    }
    if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
      throw new BadInputException(s.field(), "not a decodable image (PNG, JPEG, GIF or BMP)");
    }
    return image;
  }

  private static ImageReader reader(String field, ImageInputStream in) {
    Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
    if (readers == null || !readers.hasNext()) {
      throw new BadInputException(field, "not a decodable image (PNG, JPEG, GIF or BMP)");
    }
    return readers.next();
  }
}
