package io.challengeradar.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.util.Progress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of one generated stream. Most tests read one shared run (10,000 posts over the 7
 * days {@link GeneratorOptions#of} gives them), decoded with the strict codec; the stream is
 * seeded, so the figures asserted on are the same on every run.
 */
class StreamGeneratorTest {

  private static final GeneratorOptions OPTIONS = GeneratorOptions.of(7, 10_000);
  private static final EventCodec CODEC = EventCodec.withDefaults();
  /** Challenges of the shared run with 100 posts or more, whose shape is checked (6 of 8). */
  private static final int LARGE = 6;

  private static StreamGenerator generator;
  private static Scenario truth;
  private static byte[] bytes;
  private static GenerationSummary summary;
  private static List<Event> events;
  private static List<Post> posts;

  @BeforeAll
  static void generateOnce() throws Exception {
    generator = new StreamGenerator(OPTIONS);
    truth = generator.scenario();
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
    summary = generator.writeTo(out, Progress.silent());
    bytes = out.toByteArray();
    events = decodeAll(bytes);
    posts = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof Post p) {
        posts.add(p);
      }
    }
  }

  private static List<Event> decodeAll(byte[] ndjson) throws InvalidEventException {
    String text = new String(ndjson, StandardCharsets.UTF_8);
    assertThat(text).endsWith("\n");
    List<Event> decoded = new ArrayList<>();
    for (String line : text.split("\n")) {
      decoded.add(CODEC.decode(line));
    }
    return decoded;
  }

  private static byte[] generate(GeneratorOptions options) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new StreamGenerator(options).writeTo(out, Progress.silent());
    return out.toByteArray();
  }

  private static String sha256(byte[] data) throws Exception {
    return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  @Test
  void sameSeedGivesTheSameBytes() throws Exception {
    assertThat(sha256(generate(OPTIONS))).isEqualTo(sha256(bytes));
  }

  @Test
  void differentSeedGivesDifferentBytes() throws Exception {
    GeneratorOptions small = GeneratorOptions.of(7, 2_000);
    assertThat(sha256(generate(small.withSeed(8)))).isNotEqualTo(sha256(generate(small)));
  }

  @Test
  void countsAddUp() {
    assertThat(posts).hasSize(OPTIONS.posts());
    assertThat(summary.posts()).isEqualTo(OPTIONS.posts());
    assertThat(summary.snapshots()).isEqualTo(events.size() - posts.size());
    assertThat(summary.bytes()).isEqualTo(bytes.length);
    assertThat(summary.authors())
        .isEqualTo(posts.stream().map(Post::authorId).distinct().count());
    assertThat(posts.stream().map(Post::videoId).distinct().count()).isEqualTo(posts.size());
    for (Scenario.Challenge c : truth.challenges()) {
      long tagged = posts.stream().filter(p -> p.hashtags().contains(c.tag())).count();
      assertThat(tagged).as(c.tag()).isEqualTo(c.participants());
    }
  }

  @Test
  void eventsAreInEventTimeOrderWithinTheSpan() {
    Instant previous = OPTIONS.start();
    for (Event e : events) {
      assertThat(e.eventTime()).isAfterOrEqualTo(previous).isBefore(OPTIONS.end());
      previous = e.eventTime();
    }
  }

  @Test
  void snapshotsAreCumulativeAndComeAfterTheirPost() {
    Map<String, Instant> postedAt = new HashMap<>();
    Map<String, EngagementSnapshot> last = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Event e : events) {
      if (e instanceof Post p) {
        postedAt.put(p.videoId(), p.createdAt());
        continue;
      }
      EngagementSnapshot s = (EngagementSnapshot) e;
      Instant posted = postedAt.get(s.videoId());
      if (posted == null || !s.observedAt().isAfter(posted)) {
        problems.add("observed before its post: " + s);
      }
      EngagementSnapshot before = last.put(s.videoId(), s);
      if (before != null && !growsFrom(before, s)) {
        problems.add("decreases: " + before + " then " + s);
      }
    }
    assertThat(problems).isEmpty();
    // Videos posted in the last hour have not been observed yet; every other one has been.
    assertThat(last.size()).isGreaterThan(posts.size() * 99 / 100);
  }

  private static boolean growsFrom(EngagementSnapshot a, EngagementSnapshot b) {
    boolean downloads = a.downloads() == null
        ? b.downloads() == null
        : b.downloads() != null && b.downloads() >= a.downloads();
    return b.observedAt().isAfter(a.observedAt())
        && b.views() >= a.views()
        && b.likes() >= a.likes()
        && b.comments() >= a.comments()
        && b.shares() >= a.shares()
        && downloads;
  }

  @Test
  void postsLookReal() {
    for (Post p : posts) {
      assertThat(p.hashtags()).isEqualTo(Hashtags.fromCaption(p.caption()));
      assertThat(p.durationSec()).isBetween(5, 180);
      assertThat(p.followerCount()).isNotNull();
      assertThat(p.authorHandle()).isNotBlank();
      assertThat(p.language()).isNotBlank();
    }
    long withSound = posts.stream().filter(p -> p.musicId() != null).count();
    assertThat(withSound).isGreaterThan(posts.size() * 9 / 10);
  }

  @Test
  void challengesRiseAndFade() {
    assertThat(truth.challenges()).hasSize(GeneratorOptions.DEFAULT_CHALLENGES)
        .allSatisfy(c -> assertThat(c.tag()).endsWith("challenge"));
    // Under 100 posts a challenge is too small for a shape to show above the noise; the seeded
    // run must still hold enough large ones, each over before the stream ends, for the checks
    // below to mean something.
    List<Scenario.Challenge> large =
        truth.challenges().stream().filter(c -> c.participants() >= 100).toList();
    assertThat(large).as("challenges with 100 posts or more").hasSizeGreaterThanOrEqualTo(LARGE)
        .allSatisfy(c -> assertThat(c.fade()).as(c.tag()).isBefore(truth.end()));
    for (Scenario.Challenge c : large) {
      // Bins of a quarter of the rise time, so the test does not depend on the challenge's pace;
      // the busiest bin rather than the one at the peak, as the daily cycle shifts it a little.
      Duration rise = Duration.between(c.emergence(), c.peak());
      Duration bin = rise.dividedBy(4);
      long busiest = 0;
      Instant busiestAt = null;
      for (Instant t = c.emergence().minus(rise); t.isBefore(c.fade().plus(rise));
          t = t.plus(bin)) {
        long n = tagged(c.tag(), t, t.plus(bin));
        if (n > busiest) {
          busiest = n;
          busiestAt = t.plus(bin.dividedBy(2));
        }
      }
      long atEmergence = tagged(c.tag(), c.emergence(), c.emergence().plus(bin));
      assertThat(busiest).as("%s: posts in the busiest bin vs at emergence", c.tag())
          .isGreaterThanOrEqualTo(4 * Math.max(1, atEmergence));
      assertThat(Duration.between(c.peak(), busiestAt).abs())
          .as("%s: busiest bin near the peak", c.tag())
          .isLessThanOrEqualTo(rise.dividedBy(2));
      long atFade = tagged(c.tag(), c.fade().minus(bin), c.fade());
      assertThat(atFade).as("%s: posts in the busiest bin vs at fade", c.tag())
          .isLessThanOrEqualTo(busiest / 4);
    }
  }

  private static long tagged(String tag, Instant from, Instant to) {
    return posts.stream()
        .filter(p -> !p.createdAt().isBefore(from) && p.createdAt().isBefore(to))
        .filter(p -> p.hashtags().contains(tag))
        .count();
  }

  @Test
  void challengesEmergeAcrossTheSpan() {
    Duration span = OPTIONS.span();
    List<Instant> emergences = truth.challenges().stream().map(Scenario.Challenge::emergence)
        .sorted().toList();
    assertThat(emergences.get(0)).isBefore(truth.start().plus(span.dividedBy(4)));
    assertThat(emergences.get(emergences.size() - 1))
        .isAfter(truth.start().plus(span.multipliedBy(3).dividedBy(4)));
    assertThat(truth.challenges().stream().filter(c -> c.musicId() != null)).isNotEmpty();
  }

  @Test
  void ordinaryTagsStayFlat() {
    int days = (int) OPTIONS.span().toDays();
    int checked = 0;
    for (String tag : truth.ordinaryTags()) {
      long[] daily = new long[days];
      for (Post p : posts) {
        if (p.hashtags().contains(tag)) {
          daily[(int) Duration.between(truth.start(), p.createdAt()).toDays()]++;
        }
      }
      long total = Arrays.stream(daily).sum();
      if (total < 50L * days) {
        continue; // rarer tags are mostly Poisson noise
      }
      checked++;
      double mean = (double) total / days;
      long busiest = Arrays.stream(daily).max().orElseThrow();
      assertThat(busiest).as("%s: busiest day vs mean day %s", tag, Arrays.toString(daily))
          .isLessThanOrEqualTo(Math.round(1.6 * mean));
      long firstHalf = Arrays.stream(daily, 0, days / 2).sum();
      long secondHalf = Arrays.stream(daily, days - days / 2, days).sum();
      assertThat((double) secondHalf / firstHalf).as("%s: no sustained growth", tag)
          .isBetween(0.67, 1.5);
    }
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void participantsAreEnrichedForTheChallengeTopic() {
    Map<String, Scenario.Author> authors = new HashMap<>();
    truth.authors().forEach(a -> authors.put(a.id(), a));
    List<Scenario.Challenge> checked =
        truth.challenges().stream().filter(c -> c.participants() >= 50).toList();
    assertThat(checked).as("challenges with 50 posts or more")
        .hasSize(GeneratorOptions.DEFAULT_CHALLENGES);
    for (Scenario.Challenge c : checked) {
      double baseRate = truth.authors().stream()
          .filter(a -> a.interests().contains(c.topic())).count() / (double) authors.size();
      List<Post> joined = posts.stream().filter(p -> p.hashtags().contains(c.tag())).toList();
      double interested = joined.stream()
          .filter(p -> authors.get(p.authorId()).interests().contains(c.topic())).count()
          / (double) joined.size();
      assertThat(interested).as("%s: interested share vs base rate %.2f", c.tag(), baseRate)
          .isGreaterThan(Math.max(2 * baseRate, 0.5));
    }
  }

  @Test
  void authorsPostMostlyAboutTheirInterests() {
    Map<String, String> topicOfTag = new HashMap<>();
    truth.topicTags().forEach((topic, tags) -> tags.forEach(t -> topicOfTag.put(t, topic)));
    Map<String, Scenario.Author> authors = new HashMap<>();
    truth.authors().forEach(a -> authors.put(a.id(), a));
    long onTopic = 0;
    long withTopic = 0;
    for (Post p : posts) {
      Set<String> topics = new HashSet<>();
      p.hashtags().stream().filter(topicOfTag::containsKey).forEach(t -> topics.add(topicOfTag.get(t)));
      if (topics.size() == 1) {
        withTopic++;
        onTopic += authors.get(p.authorId()).interests().contains(topics.iterator().next()) ? 1 : 0;
      }
    }
    assertThat(withTopic).as("posts with one topic tag").isGreaterThan(posts.size() / 10);
    assertThat((double) onTopic / withTopic).isGreaterThan(0.8);
  }

  @Test
  void fewVideosHoldMostViews() {
    Map<String, Long> views = new HashMap<>();
    for (Event e : events) {
      if (e instanceof EngagementSnapshot s) {
        views.put(s.videoId(), s.views());
      }
    }
    assertThat(topPercentShare(views.values().stream().mapToLong(Long::longValue).toArray()))
        .as("share of views held by the top 1% of videos")
        .isGreaterThan(0.3);
    assertThat(topPercentShare(truth.authors().stream().mapToLong(Scenario.Author::followers)
        .toArray()))
        .as("share of followers held by the top 1% of authors")
        .isGreaterThan(0.3);
  }

  private static double topPercentShare(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int top = Math.max(1, sorted.length / 100);
    long total = Arrays.stream(sorted).sum();
    long head = Arrays.stream(sorted, sorted.length - top, sorted.length).sum();
    return (double) head / total;
  }

  @Test
  void disorderShufflesWithinTheBoundAndKeepsEveryEvent() throws Exception {
    GeneratorOptions sorted = GeneratorOptions.of(3, 2_000);
    Duration bound = Duration.ofMinutes(10);
    List<String> ordered = lines(generate(sorted));
    List<String> shuffled = lines(generate(sorted.withDisorder(bound)));

    assertThat(shuffled).isNotEqualTo(ordered);
    assertThat(shuffled).containsExactlyInAnyOrderElementsOf(ordered);
    long latest = 0;
    for (String line : shuffled) {
      long t = CODEC.decode(line).eventTime().getEpochSecond();
      assertThat(t).isGreaterThanOrEqualTo(latest - bound.getSeconds());
      latest = Math.max(latest, t);
    }
  }

  private static List<String> lines(byte[] ndjson) {
    return List.of(new String(ndjson, StandardCharsets.UTF_8).split("\n"));
  }

  @Test
  void eventStreamIsWhatWriteToEncodes() {
    // stream() wraps events(), so this covers both without a third run.
    assertThat(generator.stream().toList()).isEqualTo(events);
  }

  @Test
  void refusesStreamThatWouldEndInTheFuture() {
    Clock early = Clock.fixed(OPTIONS.start().plus(Duration.ofDays(2)), ZoneOffset.UTC);
    assertThatThrownBy(() -> new StreamGenerator(OPTIONS, early))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("start:")
        .hasMessageContaining("after the current time");
  }

  @Test
  void tinyStreamsStillHoldExactlyThePostsAskedFor() throws Exception {
    GeneratorOptions tiny = GeneratorOptions.of(1, 5).withChallengeShare(0.5);
    List<Event> few = decodeAll(generate(tiny));
    assertThat(few.stream().filter(Post.class::isInstance)).hasSize(5);
    List<Event> sortedCopy = new ArrayList<>(few);
    sortedCopy.sort(Comparator.comparing(Event::eventTime));
    assertThat(few).isEqualTo(sortedCopy);
  }
}
