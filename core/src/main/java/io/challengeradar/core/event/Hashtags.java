package io.challengeradar.core.event;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one definition of what a hashtag is once it enters the platform. */
public final class Hashtags {

  /** A tag in free text: '#' then letters, digits, marks or underscores, in any script. */
  private static final Pattern IN_TEXT = Pattern.compile("#([\\p{L}\\p{M}\\p{N}_]+)");

  private Hashtags() {}

  /**
   * Unicode NFC, lower case (locale-independent), without leading '#'. Returns an empty string for
   * input that has no tag left, which callers must treat as invalid.
   */
  public static String normalise(String raw) {
    String tag = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
    int start = 0;
    while (start < tag.length() && tag.charAt(start) == '#') {
      start++;
    }
    return tag.substring(start).toLowerCase(Locale.ROOT);
  }

  /** Normalises each tag and drops repeats, keeping first-seen order. Blank tags are skipped. */
  public static List<String> normaliseAll(Iterable<String> raw) {
    Set<String> tags = new LinkedHashSet<>();
    for (String r : raw) {
      String tag = normalise(r);
      if (!tag.isEmpty()) {
        tags.add(tag);
      }
    }
    return List.copyOf(tags);
  }

  /** The tags written inline in a caption ("dance time #fyp #DuetChallenge"), normalised. */
  public static List<String> fromCaption(String caption) {
    List<String> raw = new ArrayList<>();
    Matcher m = IN_TEXT.matcher(caption);
    while (m.find()) {
      raw.add(m.group(1));
    }
    return normaliseAll(raw);
  }
}
