package io.challengeradar.core.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ground truth of one generated stream: which tags are challenges (with their topic, sound,
 * timing and size), which are ordinary, and what each author is interested in. Tests and the
 * evaluation of detection and participation prediction compare against it. {@link ScenarioJson}
 * reads and writes it.
 *
 * @param seed the seed that made the stream
 * @param start the first instant of the stream
 * @param end the first instant after the stream
 * @param posts the number of posts in the stream
 * @param challenges the challenges, in order of emergence
 * @param genericTags tags that any post may carry at a steady rate (fyp, viral ...)
 * @param topicTags for each topic, its ordinary tags, which posts on the topic carry at a steady
 *     rate
 * @param authors every author of the population (some may not have posted)
 */
public record Scenario(
    long seed,
    Instant start,
    Instant end,
    int posts,
    List<Challenge> challenges,
    List<String> genericTags,
    Map<String, List<String>> topicTags,
    List<Author> authors) {

  public Scenario {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    challenges = List.copyOf(challenges);
    genericTags = List.copyOf(genericTags);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    topicTags.forEach((topic, tags) -> copy.put(topic, List.copyOf(tags)));
    topicTags = Collections.unmodifiableMap(copy);
    authors = List.copyOf(authors);
  }

  /**
   * One challenge. Its cumulative participation follows a logistic curve: {@code emergence} is
   * when 1% of its expected participants have posted, {@code peak} when half have (the hour of
   * most new posts), {@code fade} when 99% have; fade may lie after the end of the stream.
   *
   * @param tag the hashtag, normalised (lower case, no '#')
   * @param topic the topic it is about; participants are mostly users interested in it
   * @param musicId the challenge's own sound, or null when it has none
   * @param participants posts in the stream that carry the tag (cut off at the end of the stream)
   */
  public record Challenge(
      String tag,
      String topic,
      String musicId,
      Instant emergence,
      Instant peak,
      Instant fade,
      int participants) {

    public Challenge {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(topic, "topic");
      Objects.requireNonNull(emergence, "emergence");
      Objects.requireNonNull(peak, "peak");
      Objects.requireNonNull(fade, "fade");
    }
  }

  /**
   * One author of the population.
   *
   * @param interests topic names, most important first
   */
  public record Author(
      String id,
      String handle,
      long followers,
      String language,
      String region,
      List<String> interests) {

    public Author {
      Objects.requireNonNull(id, "id");
      interests = List.copyOf(interests);
    }
  }

  /** The generic tags and every topic's tags: all tags that are not challenges. */
  public List<String> ordinaryTags() {
    List<String> all = new ArrayList<>(genericTags);
    topicTags.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  /** The challenge with the given normalised tag, or null. */
  public Challenge challenge(String tag) {
    for (Challenge c : challenges) {
      if (c.tag().equals(tag)) {
        return c;
      }
    }
    return null;
  }
}
