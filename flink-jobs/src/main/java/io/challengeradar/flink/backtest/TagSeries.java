package io.challengeradar.flink.backtest;

import io.challengeradar.contract.TagKind;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.event.Post;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every tag's new participants per window, counted from the events as the trend windows count
 * them: the first post of each video only, an author counted once per tag, in the window of
 * their first post with it. Windows are aligned to the epoch, as the job's are. A window's volume
 * is the sum of the new participants of every tag of that kind in it, and a tag's share is its
 * new participants over that volume: the measure that a rise of the whole sample does not move.
 */
public final class TagSeries {

  private final Duration window;
  private final Map<TagKey, NavigableMap<Long, Long>> newParticipants;
  private final Map<String, NavigableMap<Long, Long>> volume;
  private final Map<TagKey, Integer> authors;

  private TagSeries(Duration window, Map<TagKey, NavigableMap<Long, Long>> newParticipants,
      Map<String, NavigableMap<Long, Long>> volume, Map<TagKey, Integer> authors) {
    this.window = window;
    this.newParticipants = newParticipants;
    this.volume = volume;
    this.authors = authors;
  }

  /** Counts the posts of a canonical NDJSON file; lines the codec refuses are skipped. */
  public static TagSeries read(Path events, Duration window) throws IOException {
    Builder b = new Builder();
    EventCodec codec = EventCodec.withDefaults();
    try (InputStream in = Files.newInputStream(events);
        NdjsonReader reader = new NdjsonReader(in, codec.options().maxLineBytes())) {
      NdjsonReader.Line line;
      while ((line = reader.next()) != null) {
        if (line.oversized()) {
          continue;
        }
        try {
          Event e = codec.decode(line.bytes());
          if (e instanceof Post p) {
            b.add(p);
          }
        } catch (InvalidEventException invalid) {
          // The pipeline dead-letters it too: it is in no window.
        }
      }
    }
    return b.build(window);
  }

  /** Collects posts; the same video twice counts once, as the job's join does. */
  public static final class Builder {
    private final Set<String> videos = new HashSet<>();
    private final Map<TagKey, Map<String, Long>> firstUse = new HashMap<>();

    public Builder add(Post p) {
      if (!videos.add(p.videoId())) {
        return this;
      }
      long at = p.createdAt().toEpochMilli();
      for (String tag : p.hashtags()) {
        use(new TagKey(TagKind.HASHTAG.wire(), tag), p.authorId(), at);
      }
      if (p.musicId() != null) {
        use(new TagKey(TagKind.SOUND.wire(), p.musicId()), p.authorId(), at);
      }
      return this;
    }

    private void use(TagKey key, String author, long at) {
      firstUse.computeIfAbsent(key, k -> new HashMap<>()).merge(author, at, Math::min);
    }

    public TagSeries build(Duration window) {
      if (window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive, was " + window);
      }
      long size = window.toMillis();
      Map<TagKey, NavigableMap<Long, Long>> counts = new HashMap<>();
      Map<String, NavigableMap<Long, Long>> volume = new HashMap<>();
      Map<TagKey, Integer> authors = new HashMap<>();
      firstUse.forEach((key, byAuthor) -> {
        NavigableMap<Long, Long> series = new TreeMap<>();
        NavigableMap<Long, Long> kindVolume = volume.computeIfAbsent(key.kind(), k -> new TreeMap<>());
        for (long at : byAuthor.values()) {
          long start = at - Math.floorMod(at, size);
          series.merge(start, 1L, Long::sum);
          kindVolume.merge(start, 1L, Long::sum);
        }
        counts.put(key, series);
        authors.put(key, byAuthor.size());
      });
      return new TagSeries(window, counts, volume, authors);
    }
  }

  public Duration window() {
    return window;
  }

  public Set<TagKey> keys() {
    return Collections.unmodifiableSet(newParticipants.keySet());
  }

  /** Distinct authors ever seen with the tag. */
  public int authors(TagKey key) {
    return authors.getOrDefault(key, 0);
  }

  /** The tag's new participants per window start (epoch ms); windows without any are absent. */
  public NavigableMap<Long, Long> newParticipants(TagKey key) {
    return Collections.unmodifiableNavigableMap(
        newParticipants.getOrDefault(key, Collections.emptyNavigableMap()));
  }

  /** Every window start with any new participant of the kind, with its volume. */
  public NavigableMap<Long, Long> volume(String kind) {
    return Collections.unmodifiableNavigableMap(
        volume.getOrDefault(kind, Collections.emptyNavigableMap()));
  }

  /** The tag's share of its kind's new participants in the window; 0 in a window without volume. */
  public double share(TagKey key, long windowStart) {
    long total = volume(key.kind()).getOrDefault(windowStart, 0L);
    return total == 0 ? 0 : newParticipants(key).getOrDefault(windowStart, 0L) / (double) total;
  }

  /**
   * The tag's peak: the window with most new participants, the earliest of equals; null for a
   * tag the data does not hold.
   */
  public Peak peak(TagKey key) {
    Peak best = null;
    for (Map.Entry<Long, Long> e : newParticipants(key).entrySet()) {
      if (best == null || e.getValue() > best.newParticipants()) {
        best = new Peak(Instant.ofEpochMilli(e.getKey()),
            Instant.ofEpochMilli(e.getKey() + window.toMillis()), e.getValue());
      }
    }
    return best;
  }

  /** A tag's busiest window. */
  public record Peak(Instant start, Instant end, long newParticipants) {}
}
