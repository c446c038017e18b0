package io.challengeradar.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.challengeradar.serving.BadInputException;
import java.io.IOException;

/** Strict JSON for the wire: unknown fields, trailing data and nulls for numbers are refused. */
public final class JsonCodec {

  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  /** For reading answers: a client must not break when a newer server adds a field. */
  public static final ObjectMapper LENIENT =
      MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonCodec() {}

  /** Parses {@code body}, turning every JSON or mapping problem into bad input naming the field. */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new BadInputException("body", "must be a JSON object");
    }
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw badInput(e);
    } catch (IOException e) {
      throw new BadInputException("body", "unreadable: " + e.getMessage());
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  static BadInputException badInput(JsonProcessingException e) {
    String reason = e.getOriginalMessage();
    int cut = reason.indexOf('\n');
    reason = cut > 0 ? reason.substring(0, cut) : reason;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof com.fasterxml.jackson.core.JsonParseException syntax) {
        String why = syntax.getOriginalMessage();
        int nl = why.indexOf('\n');
        return new BadInputException(
            "body", "not valid JSON: " + (nl > 0 ? why.substring(0, nl) : why));
      }
    }
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      StringBuilder field = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          field.append(field.length() == 0 ? "" : ".").append(r.getFieldName());
        } else {
          field.append('[').append(r.getIndex()).append(']');
        }
      }
      if (e instanceof UnrecognizedPropertyException) {
        reason = "unknown field";
      }
      return new BadInputException(field.toString(), reason);
    }
    return new BadInputException("body", "not valid JSON: " + reason);
  }
}
