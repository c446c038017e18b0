package io.challengeradar.serving.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON of the {@link Wire} records, the same on both ends. The server reads requests with
 * {@link #STRICT} (unknown fields, trailing data and nulls for numbers are refused); the client
 * reads answers with {@link #LENIENT}, so a newer server may add fields without breaking it.
 */
public final class WireJson {

  public static final ObjectMapper STRICT =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  public static final ObjectMapper LENIENT =
      STRICT.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private WireJson() {}

  public static byte[] write(Object value) {
    try {
      return STRICT.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
