package io.challengeradar.api.http;

import java.util.Map;
import java.util.Set;

/**
 * One endpoint: method, path template, the query parameters it takes, whether it needs a key,
 * and what answers it.
 */
public record Route(String method, PathTemplate path, Set<String> params, boolean open, Handler handler) {

  public Route {
    params = Set.copyOf(params);
  }

  /** What a handler gets: the path's variables, the checked query, and the original request. */
  public record Call(ApiRequest request, Map<String, String> pathParams, QueryParams query) {
    public String path(String name) {
      return pathParams.get(name);
    }
  }

  @FunctionalInterface
  public interface Handler {
    ApiResponse handle(Call call);
  }
}
