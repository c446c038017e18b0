package io.challengeradar.core.generator;

import io.challengeradar.core.event.Event;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * Shuffles an event-time-ordered stream locally, as a real source delivers it: each event is held
 * back by a random delay of up to {@code maxDelaySeconds} and released in order of time plus delay.
 * An event is then never overtaken by one more than the maximum delay younger, which is the bound
 * a consumer's watermark must allow. Memory is bounded by the events within one maximum delay.
 */
final class Disordered implements Iterator<Event> {

  private record Held(long releaseAt, long arrival, Event event) {}

  private final Iterator<Event> ordered;
  private final Rng rng;
  private final int maxDelaySeconds;
  private final PriorityQueue<Held> held =
      new PriorityQueue<>(Comparator.comparingLong(Held::releaseAt).thenComparingLong(Held::arrival));
  private long arrivals;
  private long latestSeen = Long.MIN_VALUE;

  Disordered(Iterator<Event> ordered, Rng rng, int maxDelaySeconds) {
    this.ordered = ordered;
    this.rng = rng;
    this.maxDelaySeconds = maxDelaySeconds;
  }

  @Override
  public boolean hasNext() {
    return !held.isEmpty() || ordered.hasNext();
  }

  @Override
  public Event next() {
    // Later arrivals have event times >= latestSeen, so once the earliest release is not after
    // latestSeen nothing still to come can be released before it.
    while (ordered.hasNext() && (held.isEmpty() || held.peek().releaseAt() > latestSeen)) {
      Event e = ordered.next();
      long time = e.eventTime().getEpochSecond();
      latestSeen = Math.max(latestSeen, time);
      held.add(new Held(time + rng.nextInt(maxDelaySeconds + 1), arrivals++, e));
    }
    Held h = held.poll();
    if (h == null) {
      throw new NoSuchElementException("the generated stream has ended");
    }
    return h.event();
  }
}
