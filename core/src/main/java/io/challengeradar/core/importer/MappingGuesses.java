package io.challengeradar.core.importer;

import io.challengeradar.core.importer.MapSuggester.Sample;
import io.challengeradar.core.importer.Mapping.Field;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The guessing half of {@link MapSuggester}: which canonical field each column (or JSON path) of a
 * sample is, by its name, and which time format, count style and tag style its values have. Each
 * guess is written with a {@code # guess:} comment saying what it was based on.
 */
final class MappingGuesses {

  /** Source-field names that suggest a canonical field, compared without case or punctuation. */
  private static final Map<Field, List<String>> NAMES = new LinkedHashMap<>();

  static {
    NAMES.put(Field.VIDEO_ID, List.of("videoid", "vidid", "id", "itemid", "awemeid", "postid",
        "clipid", "clipref", "itemid"));
    NAMES.put(Field.AUTHOR_ID, List.of("authorid", "userid", "uid", "creatorid", "authormetaid",
        "ownerid", "channelid"));
    NAMES.put(Field.HANDLE, List.of("username", "uniqueid", "handle", "authorname", "author",
        "creator", "authormetaname", "user", "channeltitle", "nickname"));
    NAMES.put(Field.CREATED_AT, List.of("createtime", "createdat", "created", "videotime",
        "posttime", "vidposttime", "publishtime", "publishedat", "posted", "uploaded",
        "timestamp", "date"));
    NAMES.put(Field.CAPTION, List.of("caption", "desc", "description", "text", "videodesc",
        "vidcaption", "title"));
    NAMES.put(Field.HASHTAGS, List.of("hashtags", "tags", "taglist", "challenges",
        "vidhashtags"));
    NAMES.put(Field.MUSIC_ID, List.of("musicid", "soundid", "songid", "musicmetamusicid",
        "audioid"));
    NAMES.put(Field.DURATION, List.of("duration", "videolength", "length", "vidduration",
        "videometaduration"));
    NAMES.put(Field.FOLLOWERS, List.of("followers", "followercount", "fans", "nfollowers",
        "usernfollower", "authormetafans"));
    NAMES.put(Field.THUMBNAIL, List.of("thumbnail", "thumbnaillink", "cover", "coversdefault"));
    NAMES.put(Field.VIEWS, List.of("views", "plays", "playcount", "viewcount", "nplays",
        "vidnview", "nviews"));
    NAMES.put(Field.LIKES, List.of("likes", "likecount", "diggcount", "hearts", "nlikes",
        "vidnlike"));
    NAMES.put(Field.COMMENTS, List.of("comments", "commentcount", "replies", "ncomments",
        "vidncomment", "commenttotal"));
    NAMES.put(Field.SHARES, List.of("shares", "sharecount", "reposts", "nshares", "vidnshare"));
    NAMES.put(Field.OBSERVED_AT, List.of("observedat", "scrapetime", "vidscrapetime",
        "fetchedat", "scrapedat", "crawledat", "collectedat", "seenat", "pulledat",
        "trendingdate"));
  }

  /** A sound title, when there is no sound id: hashed into one. */
  private static final List<String> SOUND_TITLES =
      List.of("musictitle", "song", "track", "sound", "soundtitle", "musicmetamusicname");

  /** Date-time patterns tried on a time column, in order; the first that reads all wins. */
  private static final List<String> PATTERNS = List.of("yyyy-MM-dd HH:mm:ss",
      "yyyy-MM-dd HH:mm", "yyyy/MM/dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm",
      "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy HH:mm", "dd.MM.yyyy HH:mm", "yyyy-MM-dd",
      "dd/MM/yyyy", "MM/dd/yyyy");

  private static final Pattern DISPLAY_COUNT = Pattern.compile("\\d+(\\.\\d+)?\\s*[KkMmBb]");

  private MappingGuesses() {}

  /** The name's key, and for a dotted path the keys of its last one and two steps. */
  private static List<String> tails(String name) {
    String[] steps = name.split("\\.");
    List<String> out = new ArrayList<>(List.of(key(name), key(steps[steps.length - 1])));
    if (steps.length > 1) {
      out.add(key(steps[steps.length - 2] + steps[steps.length - 1]));
    }
    return out;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** Writes the proposal to {@code out} and returns it as mapping text (without comments). */
  static String propose(Sample s, StringBuilder out) {
    Map<Field, String> chosen = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    // exact names first, so "id" goes to the video id before anything merely contains a name
    for (boolean exact : new boolean[] {true, false}) {
      for (Map.Entry<Field, List<String>> e : NAMES.entrySet()) {
        if (chosen.containsKey(e.getKey())) {
          continue;
        }
        for (String name : s.names()) {
          if (used.contains(name) || !filled(s, name)) {
            continue;
          }
          String k = key(name);
          boolean match = exact ? tails(name).stream().anyMatch(e.getValue()::contains)
              : e.getValue().stream().anyMatch(n -> n.length() >= 4 && k.contains(n));
          if (match) {
            chosen.put(e.getKey(), name);
            used.add(name);
            break;
          }
        }
      }
    }
    StringBuilder mapping = new StringBuilder();
    line(mapping, out, null, "input = " + (s.json() ? "jsonl" : "csv"));
    if (!s.json() && s.delimiter() != ',') {
      line(mapping, out, "the header has most of this character",
          "csv.delimiter = " + (s.delimiter() == '\t' ? "\\t" : String.valueOf(s.delimiter())));
    }
    out.append('\n');
    mapping.append('\n');
    for (Field f : Field.values()) {
      String col = chosen.get(f);
      if (f == Field.AUTHOR_ID && col == null && chosen.containsKey(Field.HANDLE)) {
        col = chosen.get(Field.HANDLE);
        line(mapping, out, "no author id column: @handle from '" + col + "'",
            f.key + " = " + col + "\n" + f.key + ".style = handle");
        continue;
      }
      if (f == Field.MUSIC_ID && col == null) {
        String title = s.names().stream().filter(n -> !used.contains(n) && filled(s, n)
            && tails(n).stream().anyMatch(SOUND_TITLES::contains)).findFirst().orElse(null);
        if (title != null) {
          used.add(title);
          line(mapping, out, "no sound id column: an id hashed from the title '" + title + "'",
              f.key + " = " + title + "\n" + f.key + ".style = hash");
        }
        continue;
      }
      if (f == Field.HASHTAGS && col == null && chosen.containsKey(Field.CAPTION)
          && values(s, chosen.get(Field.CAPTION)).stream().anyMatch(v -> v.contains("#"))) {
        line(mapping, out, "no tag column; the captions have #tags", f.key
            + ".style = caption");
        continue;
      }
      if (f == Field.OBSERVED_AT && col == null && chosen.containsKey(Field.VIEWS)) {
        line(mapping, out, "no pull time in the file: the newest post time (or command-line, "
            + "with --observed-at)", f.key + ".derive = newest-created-at");
        continue;
      }
      if (col == null) {
        continue;
      }
      List<String> v = values(s, col);
      String why = "name '" + col + "'";
      String extra = switch (f.kind) {
        case ID -> v.stream().allMatch(Fields::allDigits) ? "\n" + f.key + ".style = digits" : "";
        case TIME -> "\n" + f.key + ".format = " + timeFormat(v)
            + (timeFormat(v).startsWith("epoch") ? "" : "\n" + f.key + ".zone = UTC");
        case COUNT -> "\n" + f.key + ".style = " + countStyle(v);
        case TAGS -> "\n" + f.key + ".style = " + tagStyle(v);
        default -> "";
      };
      if (f.kind == Mapping.Kind.TIME && !timeFormat(v).startsWith("epoch")) {
        why += "; the zone is a guess: check where the times were written";
      }
      line(mapping, out, why + "; values like '" + Fields.abbreviate(v.get(0)) + "'",
          f.key + " = " + col + extra);
    }
    List<String> unused = s.names().stream().filter(n -> !used.contains(n)).toList();
    if (!unused.isEmpty()) {
      out.append("\n# not mapped: ").append(String.join(", ", unused)).append('\n');
    }
    return mapping.toString();
  }

  private static void line(StringBuilder mapping, StringBuilder out, String guess, String text) {
    if (guess != null) {
      out.append("# guess: ").append(guess).append('\n');
    }
    out.append(text).append('\n');
    mapping.append(text).append('\n');
  }

  private static boolean filled(Sample s, String name) {
    return !values(s, name).isEmpty();
  }

  /** The filled sample values of a column. */
  private static List<String> values(Sample s, String name) {
    return s.values().getOrDefault(name, List.of()).stream()
        .filter(v -> !Fields.isBlank(v)).toList();
  }

  private static String timeFormat(List<String> v) {
    if (v.stream().allMatch(t -> Fields.allDigits(t.strip()) && t.strip().length() <= 11)) {
      return Mapping.EPOCH_SECONDS;
    }
    if (v.stream().allMatch(t -> Fields.allDigits(t.strip()) && t.strip().length() <= 14)) {
      return Mapping.EPOCH_MILLIS;
    }
    if (v.stream().allMatch(t -> parses(() -> Instant.parse(t.strip()))
        || parses(() -> LocalDateTime.parse(t.strip())))) {
      return Mapping.ISO;
    }
    for (String p : PATTERNS) {
      DateTimeFormatter fmt = DateTimeFormatter.ofPattern(p, Locale.ENGLISH);
      if (v.stream().allMatch(t -> parses(() -> fmt.parse(t.strip())))) {
        return p;
      }
    }
    return Mapping.ISO + "\n# guess: no known time format reads these values; write a pattern";
  }

  private static boolean parses(Runnable r) {
    try {
      r.run();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String countStyle(List<String> v) {
    if (v.stream().anyMatch(t -> DISPLAY_COUNT.matcher(t.strip()).matches())) {
      return "display";
    }
    return v.stream().anyMatch(t -> t.contains(".")) ? "float" : "plain";
  }

  private static String tagStyle(List<String> v) {
    if (v.stream().allMatch(t -> t.strip().startsWith("["))) {
      return "list";
    }
    if (v.stream().anyMatch(t -> t.contains("#"))) {
      return "hash-words";
    }
    return v.stream().anyMatch(t -> t.contains(",")) ? "comma" : "hash-words";
  }
}
