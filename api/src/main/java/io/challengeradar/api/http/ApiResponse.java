package io.challengeradar.api.http;

import java.util.Map;

/**
 * What the dispatcher answers; the transport writes it as it is.
 *
 * @param headers extra headers (Retry-After, Allow), beside Content-Type
 */
public record ApiResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

  public static final String JSON = "application/json";

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public static ApiResponse json(int status, Object value) {
    return new ApiResponse(status, JSON, Map.of(), Json.write(value));
  }

  /** The body as text (tests, logs). */
  public String text() {
    return new String(body, java.nio.charset.StandardCharsets.UTF_8);
  }
}
