package io.challengeradar.serving.http;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.TooLargeException;
import java.io.IOException;
import java.io.InputStream;

/** A request body read within a limit: a declared length over it is refused unread. */
final class BodyLimit {

  private BodyLimit() {}

  /**
   * Reads the body, at most {@code limit} bytes.
   *
   * @param contentLength the Content-Length header, or null (a chunked body)
   * @throws TooLargeException a declared length over the limit (nothing read), or a chunked body
   *     that goes past it (read up to the limit and one byte, then cut)
   */
  static byte[] read(String contentLength, InputStream in, int limit) throws IOException {
    if (contentLength != null) {
      long declared;
      try {
        declared = Long.parseLong(contentLength.trim());
      } catch (NumberFormatException e) {
        throw new BadInputException("Content-Length", "not a number");
      }
      if (declared > limit) {
        throw tooLarge(declared + " bytes", limit);
      }
    }
    // Not closed here: closing reads on to the end, and a refusal should go out first.
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw tooLarge("more than " + limit + " bytes", limit);
    }
    return body;
  }

  private static TooLargeException tooLarge(String size, int limit) {
    return new TooLargeException(
        "body", size + ", over the limit of " + limit + " bytes (serving.max-body-bytes)");
  }
}
