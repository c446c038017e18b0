package io.challengeradar.api.http;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One HTTP request as the dispatcher sees it, free of any server API so tests can build one.
 *
 * @param rawPath the path still percent-encoded (segments are decoded one by one)
 * @param rawQuery the query string still encoded, or null
 * @param headers header names are matched case-insensitively; first value of each
 */
public record ApiRequest(String method, String rawPath, String rawQuery, Map<String, String> headers) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = java.util.Collections.unmodifiableMap(h);
  }

  public static ApiRequest get(String pathAndQuery, Map<String, String> headers) {
    int q = pathAndQuery.indexOf('?');
    return q < 0
        ? new ApiRequest("GET", pathAndQuery, null, headers)
        : new ApiRequest("GET", pathAndQuery.substring(0, q), pathAndQuery.substring(q + 1), headers);
  }

  public String header(String name) {
    return headers.get(name);
  }
}
