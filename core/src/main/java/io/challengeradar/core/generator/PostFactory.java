package io.challengeradar.core.generator;

import io.challengeradar.core.event.Hashtags;
import io.challengeradar.core.event.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Writes the posts of one run: who posts, about what, with which caption, tags, sound and length.
 * The tags of a post are exactly the ones written in its caption, as on the real platform. Holds
 * per-run state (who already joined each challenge), so each run needs its own instance.
 */
final class PostFactory {
  /** The chance a challenge participant is drawn from the users interested in its topic. */
  static final double TOPIC_AFFINITY = 0.75;
  /** Draws spent looking for an author who has not joined the challenge yet. */
  private static final int FRESH_PARTICIPANT_TRIES = 10;
  private static final double OWN_SOUND_USE = 0.85;
  private static final double ORIGINAL_SOUND_SHARE = 0.45;
  private static final double UNKNOWN_SOUND_SHARE = 0.03;
  private static final double THUMBNAIL_SHARE = 0.7;
  private static final int POPULAR_SOUNDS = 150;
  private static final String THUMBNAIL_BASE = "https://thumbs.example.com/";

  private final Population population;
  private final List<ChallengePlan> challenges;
  private final BitSet[] joined;
  private final WeightedSampler popularSounds;
  private final BitSet posted;

  /** @param posted gets the index of every author who posts */
  PostFactory(Population population, List<ChallengePlan> challenges, BitSet posted) {
    this.population = population;
    this.posted = posted;
    this.challenges = challenges;
    this.joined = new BitSet[challenges.size()];
    for (int i = 0; i < joined.length; i++) {
      joined[i] = new BitSet(population.size());
    }
    double[] zipf = new double[POPULAR_SOUNDS];
    for (int r = 0; r < zipf.length; r++) {
      zipf[r] = 1.0 / StrictMath.pow(r + 1, 1.1);
    }
    popularSounds = WeightedSampler.ofWeights(zipf);
  }

  /** An ordinary post: an author by activity, a topic from their interests. */
  Post ordinary(Rng rng, String videoId, Instant createdAt) {
    int author = population.anyAuthor(rng);
    Vocabulary.Topic topic = Vocabulary.TOPICS.get(population.postTopic(rng, author));
    StringBuilder caption = new StringBuilder();
    if (!rng.chance(0.01)) { // a few posts have no caption at all
      caption.append(rng.pick(topic.phrases()));
      if (rng.chance(0.3)) {
        caption.append(", ").append(rng.pick(Vocabulary.FILLERS));
      }
      appendEmoji(rng, caption);
      appendTopicTags(rng, caption, topic, rng.nextInt(4));
      appendGenericTags(rng, caption);
    }
    return post(rng, videoId, author, createdAt, caption.toString(), anySound(rng, author),
        duration(rng, 22, 0.7, 180));
  }

  /** A post that takes part in challenge i. */
  Post participation(Rng rng, int challenge, String videoId, Instant createdAt) {
    ChallengePlan plan = challenges.get(challenge);
    Vocabulary.Topic topic = Vocabulary.TOPICS.get(plan.topic());
    int author = participant(rng, challenge, plan.topic());
    String written = "#" + (rng.chance(0.5) ? plan.display() : plan.tag());
    String text = rng.pick(Vocabulary.CHALLENGE_TEMPLATES)
        .replace("{tag}", written)
        .replace("{person}", rng.pick(Vocabulary.PERSONS))
        .replace("{phrase}", rng.pick(topic.phrases()))
        .replace("{topic}", topic.name())
        .replace("{n}", Integer.toString(1 + rng.nextInt(30)));
    StringBuilder caption = new StringBuilder(text);
    appendEmoji(rng, caption);
    // Rarely a topic tag: a challenge must not make its topic's ordinary tags look like one.
    appendTopicTags(rng, caption, topic, rng.chance(0.15) ? 1 : 0);
    appendGenericTags(rng, caption);
    String sound = plan.musicId() != null && rng.chance(OWN_SOUND_USE)
        ? plan.musicId()
        : anySound(rng, author);
    return post(rng, videoId, author, createdAt, caption.toString(), sound,
        duration(rng, 15, 0.4, 60));
  }

  /**
   * Mostly users interested in the topic (what the participation model should learn), otherwise
   * anyone; preferring users who have not joined yet, so participants are mostly distinct people.
   */
  private int participant(Rng rng, int challenge, int topic) {
    // The pool is chosen once, so that looking for a fresh participant does not drift the
    // participants away from the topic's audience once its most active members have joined.
    boolean fromTopic = rng.chance(TOPIC_AFFINITY);
    int author = -1;
    for (int attempt = 0; attempt < FRESH_PARTICIPANT_TRIES; attempt++) {
      author = fromTopic ? population.interestedAuthor(rng, topic) : population.anyAuthor(rng);
      if (!joined[challenge].get(author)) {
        break;
      }
    }
    joined[challenge].set(author);
    return author;
  }

  private Post post(Rng rng, String videoId, int author, Instant createdAt, String caption,
      String musicId, int durationSec) {
    Vocabulary.Locale locale = population.locale(author);
    posted.set(author);
    return new Post(
        videoId,
        population.id(author),
        createdAt,
        caption,
        Hashtags.fromCaption(caption),
        musicId,
        durationSec,
        population.followers(author),
        population.handle(author),
        rng.chance(THUMBNAIL_SHARE) ? THUMBNAIL_BASE + videoId + ".jpg" : null,
        locale.language(),
        locale.region());
  }

  private String anySound(Rng rng, int author) {
    double roll = rng.nextDouble();
    if (roll < UNKNOWN_SOUND_SHARE) {
      return null;
    }
    if (roll < UNKNOWN_SOUND_SHARE + ORIGINAL_SOUND_SHARE) {
      return "m-o-" + population.id(author);
    }
    return "m-p-" + Population.pad(popularSounds.sample(rng) + 1, 4);
  }

  private static int duration(Rng rng, double median, double sigma, int max) {
    long seconds = Math.round(rng.lognormal(StrictMath.log(median), sigma));
    return (int) Math.max(5, Math.min(max, seconds));
  }

  private static void appendEmoji(Rng rng, StringBuilder caption) {
    if (rng.chance(0.3)) {
      caption.append(' ').append(rng.pick(Vocabulary.EMOJI));
    }
  }

  private static void appendTopicTags(Rng rng, StringBuilder caption, Vocabulary.Topic topic,
      int count) {
    List<String> tags = new ArrayList<>(topic.tags());
    for (int i = 0; i < count && !tags.isEmpty(); i++) {
      appendTag(caption, tags.remove(rng.nextInt(tags.size())));
    }
  }

  private static void appendGenericTags(Rng rng, StringBuilder caption) {
    for (Vocabulary.GenericTag g : Vocabulary.GENERIC_TAGS) {
      if (rng.chance(g.rate())) {
        appendTag(caption, g.tag());
      }
    }
  }

  private static void appendTag(StringBuilder caption, String tag) {
    if (caption.length() > 0) {
      caption.append(' ');
    }
    caption.append('#').append(tag);
  }
}
