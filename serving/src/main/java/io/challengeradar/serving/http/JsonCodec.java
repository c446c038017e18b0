package io.challengeradar.serving.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.wire.WireJson;
import java.io.IOException;

/**
 * Reads requests with the wire's strict JSON ({@link WireJson#STRICT}), turning every problem into
 * bad input that names the field.
 */
public final class JsonCodec {

  private JsonCodec() {}

  /** Parses {@code body}, turning every JSON or mapping problem into bad input naming the field. */
  public static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw new BadInputException("body", "must be a JSON object");
    }
    try {
      return WireJson.STRICT.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw badInput(e);
    } catch (IOException e) {
      throw new BadInputException("body", "unreadable: " + e.getMessage());
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
