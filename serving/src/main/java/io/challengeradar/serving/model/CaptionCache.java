package io.challengeradar.serving.model;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caption vectors already computed, so a caption seen again (a re-post, a template caption, a
 * retried request) is not run through the encoder twice. Bounded: the least recently used entry
 * goes first once {@code capacity} are held.
 *
 * <p>Keyed by model, version and the caption's SHA-256 rather than the caption itself: an entry
 * costs the same 32 bytes whatever the caption's length, and a collision is out of reach. A newer
 * model version never sees an older version's vectors. One lock guards the map; a lookup is far
 * cheaper than the forward pass it saves, so the lock is not where the time goes.
 */
public final class CaptionCache {

  /** A cache that holds nothing and counts nothing. */
  public static final CaptionCache OFF = new CaptionCache(0);

  private record Key(String model, String version, long a, long b, long c, long d) {}

  private final int capacity;
  private final Map<Key, SentenceEncoder.Embedding> entries;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** @param capacity most entries held; 0 holds none */
  public CaptionCache(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, SentenceEncoder.Embedding> eldest) {
        return size() > CaptionCache.this.capacity;
      }
    };
  }

  public boolean enabled() {
    return capacity > 0;
  }

  /** The cached vector of {@code caption} under that model version, or null (counted as a miss). */
  public SentenceEncoder.Embedding get(String model, String version, String caption) {
    if (!enabled()) {
      return null;
    }
    SentenceEncoder.Embedding e;
    synchronized (entries) {
      e = entries.get(key(model, version, caption));
    }
    (e == null ? misses : hits).increment();
    return e;
  }

  public void put(String model, String version, String caption, SentenceEncoder.Embedding e) {
    if (!enabled()) {
      return;
    }
    Key k = key(model, version, caption);
    synchronized (entries) {
      entries.put(k, e);
    }
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  public int capacity() {
    return capacity;
  }

  private static Key key(String model, String version, String caption) {
    ByteBuffer h = ByteBuffer.wrap(sha256(caption));
    return new Key(model, version, h.getLong(), h.getLong(), h.getLong(), h.getLong());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
