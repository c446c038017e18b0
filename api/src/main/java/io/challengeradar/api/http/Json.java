package io.challengeradar.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.infra.ElasticsearchClients;

/** The API's JSON: instants as ISO-8601 strings, absent fields of answer records left out. */
public final class Json {

  public static final ObjectMapper MAPPER = ElasticsearchClients.mapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private Json() {}

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }
}
