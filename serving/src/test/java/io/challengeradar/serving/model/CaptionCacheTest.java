package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptionCacheTest {

  private static final SentenceEncoder.Embedding DOG =
      new SentenceEncoder.Embedding(new float[] {0.6f, 0.8f}, 7, false);
  private static final SentenceEncoder.Embedding CAT =
      new SentenceEncoder.Embedding(new float[] {0.8f, 0.6f}, 6, false);

  @Test
  void answersACaptionSeenBeforeAndCountsHitsAndMisses() {
    CaptionCache cache = new CaptionCache(10);

    assertThat(cache.get("minilm", "1", "a dog dancing")).isNull();
    cache.put("minilm", "1", "a dog dancing", DOG);

    assertThat(cache.get("minilm", "1", "a dog dancing")).isSameAs(DOG);
    assertThat(cache.get("minilm", "1", "a dog dancing ")).as("another caption").isNull();
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.misses()).isEqualTo(2);
  }

  @Test
  void neverAnswersWithAnotherModelOrVersionsVector() {
    CaptionCache cache = new CaptionCache(10);
    cache.put("minilm", "1", "a dog dancing", DOG);

    assertThat(cache.get("minilm", "2", "a dog dancing")).isNull();
    assertThat(cache.get("minilm-q", "1", "a dog dancing")).isNull();
  }

  @Test
  void dropsTheLeastRecentlyUsedCaptionWhenFull() {
    CaptionCache cache = new CaptionCache(2);
    cache.put("minilm", "1", "dog", DOG);
    cache.put("minilm", "1", "cat", CAT);
    cache.get("minilm", "1", "dog"); // dog is now the most recently used

    cache.put("minilm", "1", "bird", CAT);

    assertThat(cache.size()).isEqualTo(2);
    assertThat(cache.get("minilm", "1", "cat")).isNull();
    assertThat(cache.get("minilm", "1", "dog")).isSameAs(DOG);
    assertThat(cache.get("minilm", "1", "bird")).isSameAs(CAT);
  }

  @Test
  void aCacheOfSizeZeroHoldsAndCountsNothing() {
    CaptionCache cache = new CaptionCache(0);
    cache.put("minilm", "1", "dog", DOG);

    assertThat(cache.get("minilm", "1", "dog")).isNull();
    assertThat(cache.enabled()).isFalse();
    assertThat(cache.hits() + cache.misses()).isZero();
  }
}
