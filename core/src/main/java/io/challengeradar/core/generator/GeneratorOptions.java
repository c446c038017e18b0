package io.challengeradar.core.generator;

import io.challengeradar.core.event.CodecOptions;
import java.time.Duration;
import java.time.Instant;

/**
 * Every knob of the {@link StreamGenerator}. Two option values that are equal give byte-equal
 * streams. {@link #of(long, int)} fills the span and the number of authors from the post count, so
 * that a small test stream and a large benchmark stream have a similar density of posts per hour.
 *
 * @param seed the seed every random draw derives from
 * @param posts how many posts the stream holds, exactly
 * @param start the first instant of the stream; fixed by default so output never depends on the
 *     wall clock
 * @param span how long the stream lasts; a whole number of hours. Posts and engagement snapshots
 *     all fall in {@code [start, start + span)}: the observation ends with the span, so videos
 *     posted late have shorter engagement series
 * @param authors the size of the user population that posts
 * @param challenges how many challenges emerge during the span
 * @param challengeShare the expected share of posts that take part in a challenge
 * @param disorder how far events may be shuffled out of event-time order (0 = sorted)
 */
public record GeneratorOptions(
    long seed,
    int posts,
    Instant start,
    Duration span,
    int authors,
    int challenges,
    double challengeShare,
    Duration disorder) {

  public static final long DEFAULT_SEED = 42L;
  public static final int DEFAULT_POSTS = 20_000;
  public static final Instant DEFAULT_START = Instant.parse("2021-03-01T00:00:00Z");
  /** The span for {@link #DEFAULT_POSTS}; other post counts scale it, see {@link #spanFor}. */
  public static final Duration DEFAULT_SPAN = Duration.ofDays(14);
  public static final Duration MIN_DERIVED_SPAN = Duration.ofDays(3);
  public static final Duration MAX_DERIVED_SPAN = Duration.ofDays(60);
  public static final int DEFAULT_POSTS_PER_AUTHOR = 8;
  public static final int MIN_DERIVED_AUTHORS = 50;
  public static final int DEFAULT_CHALLENGES = 8;
  public static final double DEFAULT_CHALLENGE_SHARE = 0.12;
  public static final Duration DEFAULT_DISORDER = Duration.ZERO;

  public static final int MAX_POSTS = 50_000_000;
  public static final Duration MAX_SPAN = Duration.ofDays(366);
  /** One per distinct first word of a challenge name, so that names stay distinct. */
  public static final int MAX_CHALLENGES = Vocabulary.CHALLENGE_WORDS.size();
  public static final double MAX_CHALLENGE_SHARE = 0.5;
  public static final Duration MAX_DISORDER = Duration.ofDays(1);

  public GeneratorOptions {
    if (posts < 1 || posts > MAX_POSTS) {
      throw new IllegalArgumentException(
          "posts must be between 1 and " + MAX_POSTS + ", was " + posts);
    }
    if (start == null) {
      throw new IllegalArgumentException("start must be set");
    }
    if (start.isBefore(CodecOptions.DEFAULT_EARLIEST) || start.getNano() != 0) {
      throw new IllegalArgumentException(
          "start must be a whole second not before " + CodecOptions.DEFAULT_EARLIEST + ", was "
              + start);
    }
    if (span == null
        || span.compareTo(Duration.ofHours(1)) < 0
        || span.compareTo(MAX_SPAN) > 0
        || !span.equals(Duration.ofHours(span.toHours()))) {
      throw new IllegalArgumentException(
          "span must be a whole number of hours between PT1H and " + MAX_SPAN + ", was " + span);
    }
    if (authors < 1) {
      throw new IllegalArgumentException("authors must be at least 1, was " + authors);
    }
    if (challenges < 0 || challenges > MAX_CHALLENGES) {
      throw new IllegalArgumentException(
          "challenges must be between 0 and " + MAX_CHALLENGES + ", was " + challenges);
    }
    if (!(challengeShare >= 0 && challengeShare <= MAX_CHALLENGE_SHARE)) {
      throw new IllegalArgumentException(
          "challengeShare must be between 0 and " + MAX_CHALLENGE_SHARE + ", was "
              + challengeShare);
    }
    if (disorder == null
        || disorder.isNegative()
        || disorder.compareTo(MAX_DISORDER) > 0
        || disorder.getNano() != 0) {
      throw new IllegalArgumentException(
          "disorder must be whole seconds between 0 and " + MAX_DISORDER + ", was " + disorder);
    }
  }

  /** The defaults: {@link #DEFAULT_SEED}, {@link #DEFAULT_POSTS} posts over 14 days. */
  public static GeneratorOptions defaults() {
    return of(DEFAULT_SEED, DEFAULT_POSTS);
  }

  /** Defaults for the given seed and post count, with span and authors scaled to the count. */
  public static GeneratorOptions of(long seed, int posts) {
    return new GeneratorOptions(
        seed,
        posts,
        DEFAULT_START,
        spanFor(posts),
        authorsFor(posts),
        DEFAULT_CHALLENGES,
        DEFAULT_CHALLENGE_SHARE,
        DEFAULT_DISORDER);
  }

  /**
   * {@link #DEFAULT_SPAN} scaled in proportion to the post count (the default density, about 60
   * posts an hour), but never under 3 days, so that challenges have room to rise and fade, nor
   * over 60 days, so that large runs get denser rather than endless.
   */
  public static Duration spanFor(int posts) {
    long hours = Math.round(DEFAULT_SPAN.toHours() * (double) posts / DEFAULT_POSTS);
    hours = Math.max(MIN_DERIVED_SPAN.toHours(), Math.min(MAX_DERIVED_SPAN.toHours(), hours));
    return Duration.ofHours(hours);
  }

  /** One author for every {@link #DEFAULT_POSTS_PER_AUTHOR} posts, at least 50. */
  public static int authorsFor(int posts) {
    return Math.max(MIN_DERIVED_AUTHORS, posts / DEFAULT_POSTS_PER_AUTHOR);
  }

  /** The first instant after the stream. */
  public Instant end() {
    return start.plus(span);
  }

  public GeneratorOptions withSeed(long s) {
    return new GeneratorOptions(
        s, posts, start, span, authors, challenges, challengeShare, disorder);
  }

  public GeneratorOptions withStart(Instant s) {
    return new GeneratorOptions(
        seed, posts, s, span, authors, challenges, challengeShare, disorder);
  }

  public GeneratorOptions withSpan(Duration d) {
    return new GeneratorOptions(
        seed, posts, start, d, authors, challenges, challengeShare, disorder);
  }

  public GeneratorOptions withAuthors(int n) {
    return new GeneratorOptions(
        seed, posts, start, span, n, challenges, challengeShare, disorder);
  }

  public GeneratorOptions withChallenges(int n) {
    return new GeneratorOptions(
        seed, posts, start, span, authors, n, challengeShare, disorder);
  }

  public GeneratorOptions withChallengeShare(double share) {
    return new GeneratorOptions(
        seed, posts, start, span, authors, challenges, share, disorder);
  }

  public GeneratorOptions withDisorder(Duration d) {
    return new GeneratorOptions(
        seed, posts, start, span, authors, challenges, challengeShare, d);
  }
}
