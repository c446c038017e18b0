package io.challengeradar.training.data;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which hashtags and sounds count as challenges.
 *
 * <p>A challenge is a hashtag or a sound used by at least {@code minParticipants} distinct users,
 * unless it is generic. Generic (documented in docs/models.md):
 *
 * <ul>
 *   <li>reach tags, which users add to be shown rather than to join something: any tag containing
 *       {@code fyp}, {@code foryou}, {@code viral}, {@code trend}, {@code tiktok}, {@code xyz},
 *       {@code xuhuong} (Vietnamese "trend"), and the tags {@code fy}, {@code parati}, {@code
 *       paratii}, {@code explore}, {@code xh} (short for xuhuong);
 *   <li>format and feature tags: {@code duet}, {@code dúo}, {@code stitch}, {@code greenscreen},
 *       {@code ad}, {@code challenge}, {@code capcut};
 *   <li>"original sound" in any language: a creator's own audio, different for each creator.
 * </ul>
 */
public final class ChallengeRule {

  public static final int DEFAULT_MIN_PARTICIPANTS = 50;

  private static final Pattern REACH = Pattern.compile("fyp|foryou|viral|trend|tiktok|xyz|xuhuong");
  private static final List<String> GENERIC_TAGS =
      List.of("fy", "parati", "paratii", "explore", "xh", "duet", "dúo", "stitch", "greenscreen", "ad",
          "challenge", "capcut");
  private static final Pattern ORIGINAL_SOUND =
      Pattern.compile(
          "original sound|sonido original|som original|originalton|son original|suono originale"
              + "|оригинальный звук|nhạc nền|オリジナル楽曲",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private ChallengeRule() {}

  public static String tagKey(String tag) {
    return "#" + tag;
  }

  public static String soundKey(String title) {
    return "♪" + title.strip();
  }

  /** Whether a challenge key ({@code #tag} or {@code ♪sound}) is generic under the rule above. */
  public static boolean generic(String key) {
    if (key.startsWith("#")) {
      String tag = key.substring(1).toLowerCase(Locale.ROOT);
      return tag.isEmpty() || REACH.matcher(tag).find() || GENERIC_TAGS.contains(tag);
    }
    if (key.startsWith("♪")) {
      return ORIGINAL_SOUND.matcher(key.substring(1)).find();
    }
    throw new IllegalArgumentException("key must start with # or ♪, was '" + key + "'");
  }
}
