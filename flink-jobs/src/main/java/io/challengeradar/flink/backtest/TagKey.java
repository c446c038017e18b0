package io.challengeradar.flink.backtest;

import java.util.Objects;

/**
 * A tag as the pipeline keys its trends: its kind's wire name ({@code hashtag}, {@code sound})
 * and the tag (a normalised hashtag, or a sound id).
 */
public record TagKey(String kind, String tag) implements Comparable<TagKey> {

  public TagKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tag, "tag");
  }

  @Override
  public int compareTo(TagKey o) {
    int byKind = kind.compareTo(o.kind);
    return byKind != 0 ? byKind : tag.compareTo(o.tag);
  }

  @Override
  public String toString() {
    return "hashtag".equals(kind) ? "#" + tag : kind + ":" + tag;
  }
}
