package io.challengeradar.api.query;

import io.challengeradar.api.BadRequestException;

/**
 * One page of an ordered result: pages are numbered from 1. Offset paging (from/size) was chosen
 * over search_after because the answers are small ordered lists that analysts page through by
 * number; Elasticsearch's result window bounds how deep that can go ({@value #MAX_DEPTH}).
 */
public record PageRequest(int page, int size) {

  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;
  /** Elasticsearch's default index.max_result_window: from + size may not pass it. */
  public static final int MAX_DEPTH = 10_000;

  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw new BadRequestException("size", "must be between 1 and " + MAX_SIZE);
    }
    if (page < 1) {
      throw new BadRequestException("page", "must be at least 1");
    }
    if ((long) page * size > MAX_DEPTH) {
      throw new BadRequestException(
          "page", "page x size must not pass " + MAX_DEPTH + "; narrow the query instead");
    }
  }

  public static PageRequest first() {
    return new PageRequest(1, DEFAULT_SIZE);
  }

  /** Offset of the page's first item. */
  public int from() {
    return (page - 1) * size;
  }

  /** Whether a result of {@code total} items has a page after this one. */
  public boolean hasNext(long total) {
    return (long) page * size < total && (long) (page + 1) * size <= MAX_DEPTH;
  }
}
