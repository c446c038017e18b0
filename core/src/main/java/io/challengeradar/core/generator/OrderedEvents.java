package io.challengeradar.core.generator;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * One run of the generator, in event-time order, built hour by hour: the posts of the current
 * hour, merged with the snapshots that fall due, which come from a queue holding one {@link
 * VideoSeries} per video still being observed. Memory is therefore bounded by the videos of the
 * last week, not by the length of the stream.
 *
 * <p>Order: by event time (seconds); at equal times posts before snapshots; then by the video's
 * position in the stream. Video ids are numbered in that order.
 */
final class OrderedEvents implements Iterator<Event> {
  private static final int MIN_ID_DIGITS = 7;

  private final long seed;
  private final Instant start;
  private final long endSecond;
  private final Timeline timeline;
  private final PostFactory factory;
  private final int idDigits;
  private final PriorityQueue<VideoSeries> observing =
      new PriorityQueue<>(
          Comparator.comparingLong(VideoSeries::nextAt).thenComparingLong(VideoSeries::sequence));
  private final BitSet postedAuthors = new BitSet();

  private int hour = -1;
  private long hourEndSecond;
  private List<Post> hourPosts = List.of();
  private List<VideoSeries> hourSeries = List.of();
  private int nextPost;
  private long videos;
  private long posts;
  private long snapshots;
  private Event next;

  OrderedEvents(GeneratorOptions options, Population population, Timeline timeline) {
    this.seed = options.seed();
    this.start = options.start();
    this.endSecond = options.end().getEpochSecond();
    this.timeline = timeline;
    this.factory = new PostFactory(population, timeline.challenges(), postedAuthors);
    this.idDigits = Math.max(MIN_ID_DIGITS, Integer.toString(options.posts()).length());
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = produce();
    }
    return next != null;
  }

  @Override
  public Event next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the generated stream has ended");
    }
    Event e = next;
    next = null;
    return e;
  }

  long posts() {
    return posts;
  }

  long snapshots() {
    return snapshots;
  }

  int authorsWhoPosted() {
    return postedAuthors.cardinality();
  }

  private Event produce() {
    while (true) {
      VideoSeries due = observing.peek();
      if (nextPost < hourPosts.size()) {
        Post post = hourPosts.get(nextPost);
        if (due != null && due.nextAt() < post.createdAt().getEpochSecond()) {
          return observe();
        }
        follow(hourSeries.get(nextPost));
        nextPost++;
        posts++;
        return post;
      }
      if (due != null && due.nextAt() < hourEndSecond) {
        return observe();
      }
      if (hour + 1 >= timeline.hours()) {
        // Whatever is still queued falls due after the stream ends: observation stops with it.
        observing.clear();
        return null;
      }
      beginHour(hour + 1);
    }
  }

  private EngagementSnapshot observe() {
    VideoSeries series = observing.poll();
    EngagementSnapshot snapshot = series.observe();
    snapshots++;
    follow(series);
    return snapshot;
  }

  private void follow(VideoSeries series) {
    if (series.advance() && series.nextAt() < endSecond) {
      observing.add(series);
    }
  }

  private void beginHour(int h) {
    hour = h;
    long hourStart = start.getEpochSecond() + h * 3600L;
    hourEndSecond = hourStart + 3600;
    Rng rng = Rng.of(seed, Rng.HOUR, h);
    List<ChallengePlan> challenges = timeline.challenges();
    int count = timeline.ordinary(h);
    for (ChallengePlan c : challenges) {
      count += c.hourly()[h];
    }
    // kind[slot] = -1 for an ordinary post, else the challenge index.
    int[] kind = new int[count];
    int slot = timeline.ordinary(h);
    Arrays.fill(kind, 0, slot, -1);
    for (int c = 0; c < challenges.size(); c++) {
      for (int i = 0; i < challenges.get(c).hourly()[h]; i++) {
        kind[slot++] = c;
      }
    }
    // Sort slots by a random second within the hour; the slot number breaks ties.
    long[] order = new long[count];
    for (int s = 0; s < count; s++) {
      order[s] = ((long) rng.nextInt(3600) << 32) | s;
    }
    Arrays.sort(order);
    List<Post> made = new ArrayList<>(count);
    List<VideoSeries> series = new ArrayList<>(count);
    for (long o : order) {
      int offset = (int) (o >>> 32);
      int k = kind[(int) o];
      long sequence = ++videos;
      String videoId = "v" + Population.pad(sequence, idDigits);
      Instant createdAt = Instant.ofEpochSecond(hourStart + offset);
      Post post = k < 0
          ? factory.ordinary(rng, videoId, createdAt)
          : factory.participation(rng, k, videoId, createdAt);
      double heat = k < 0 ? 0 : challenges.get(k).heat(h * 3600.0 + offset);
      made.add(post);
      series.add(new VideoSeries(seed, sequence, videoId, createdAt, post.followerCount(), heat));
    }
    hourPosts = made;
    hourSeries = series;
    nextPost = 0;
  }
}
