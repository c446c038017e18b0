package io.challengeradar.core.generator;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A seeded, realistic synthetic stream of posts and engagement snapshots, with challenges whose
 * truth is known ({@link #scenario()}). The same options give the same events and the same bytes,
 * on any machine. See docs/generator.md for the model and its knobs.
 *
 * <p>Usage: {@code new StreamGenerator(GeneratorOptions.of(seed, posts)).writeTo(out, progress)}
 * for canonical NDJSON, or {@link #events()} to consume the events directly. Each call to {@link
 * #events()}, {@link #stream()} or {@link #writeTo} is a fresh, complete run; a generator is
 * immutable and its runs may happen on different threads, each run on one.
 */
public final class StreamGenerator {
  private final GeneratorOptions options;
  private final Population population;
  private final Timeline timeline;
  private final Scenario scenario;

  public StreamGenerator(GeneratorOptions options) {
    this(options, Clock.systemUTC());
  }

  /**
   * @param clock only used to refuse a stream that would reach into the future, which the codec
   *     and every consumer would reject
   */
  public StreamGenerator(GeneratorOptions options, Clock clock) {
    if (options.end().isAfter(clock.instant())) {
      throw new IllegalArgumentException(
          "start: the stream from " + options.start() + " over " + options.span() + " would end at "
              + options.end() + ", after the current time; choose an earlier start");
    }
    this.options = options;
    this.population = new Population(options.seed(), options.authors());
    this.timeline = new Timeline(options, population);
    this.scenario = describeScenario();
  }

  public GeneratorOptions options() {
    return options;
  }

  /** The ground truth of the stream; known before the stream is generated. */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * The events of one complete run, in event-time order (or shuffled by at most {@link
   * GeneratorOptions#disorder()}). Lazily produced: memory stays bounded by about one week of
   * videos.
   */
  public Iterator<Event> events() {
    return newRun().events;
  }

  /** {@link #events()} as a sequential stream. */
  public Stream<Event> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(
            events(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  /**
   * Writes one run as canonical NDJSON ({@link EventCodec#encode}, one event per line, each line
   * ending in '\n'). Does not close {@code out}; buffering is the caller's choice.
   *
   * @param progress advanced by one per post
   */
  public GenerationSummary writeTo(OutputStream out, Progress progress) throws IOException {
    long began = System.nanoTime();
    EventCodec codec = EventCodec.withDefaults();
    Run run = newRun();
    long bytes = 0;
    while (run.events.hasNext()) {
      Event e = run.events.next();
      byte[] line = (codec.encode(e) + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(line);
      bytes += line.length;
      if (e instanceof Post) {
        progress.advance(1);
      }
    }
    out.flush();
    return new GenerationSummary(
        run.ordered.posts(),
        run.ordered.snapshots(),
        scenario.challenges().size(),
        run.ordered.authorsWhoPosted(),
        bytes,
        Duration.ofNanos(System.nanoTime() - began));
  }

  private record Run(OrderedEvents ordered, Iterator<Event> events) {}

  private Run newRun() {
    OrderedEvents ordered = new OrderedEvents(options, population, timeline);
    int disorder = (int) options.disorder().getSeconds();
    Iterator<Event> events = disorder == 0
        ? ordered
        : new Disordered(ordered, Rng.of(options.seed(), Rng.DISORDER, 0), disorder);
    return new Run(ordered, events);
  }

  private Scenario describeScenario() {
    List<Scenario.Challenge> challenges = new ArrayList<>();
    for (ChallengePlan plan : timeline.challenges()) {
      challenges.add(plan.truth(options.start()));
    }
    challenges.sort((a, b) -> a.emergence().compareTo(b.emergence()));
    List<String> generic = new ArrayList<>();
    Vocabulary.GENERIC_TAGS.forEach(g -> generic.add(g.tag()));
    Map<String, List<String>> topicTags = new LinkedHashMap<>();
    Vocabulary.TOPICS.forEach(t -> topicTags.put(t.name(), t.tags()));
    List<Scenario.Author> authors = new ArrayList<>(population.size());
    for (int a = 0; a < population.size(); a++) {
      authors.add(population.truth(a));
    }
    return new Scenario(options.seed(), options.start(), options.end(), options.posts(),
        challenges, generic, topicTags, authors);
  }
}
