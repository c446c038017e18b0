package io.challengeradar.api.query;

import java.util.List;

/** One page of items and how many there are in all (exact: every search tracks total hits). */
public record PageResult<T>(long total, List<T> items) {
  public PageResult {
    items = List.copyOf(items);
  }

  public static <T> PageResult<T> empty() {
    return new PageResult<>(0, List.of());
  }
}
