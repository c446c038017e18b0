package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Mapping.DERIVE_COMMAND_LINE;
import static io.challengeradar.core.importer.Mapping.DERIVE_NEWEST;
import static io.challengeradar.core.importer.Mapping.EPOCH_MILLIS;
import static io.challengeradar.core.importer.Mapping.EPOCH_SECONDS;
import static io.challengeradar.core.importer.Mapping.ISO;
import static io.challengeradar.core.importer.Mapping.STYLES;

import io.challengeradar.core.importer.Mapping.Field;
import io.challengeradar.core.importer.Mapping.FieldSpec;
import io.challengeradar.core.importer.Mapping.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a {@link Mapping} file on its own, before any input is opened: unknown keys,
 * unknown styles, two mappings for one field and missing required fields are refused naming the
 * key.
 */
final class MappingParser {

  private static final Set<String> TOP_KEYS =
      Set.of("name", "input", "csv.delimiter", "files", "post.repeat");
  private static final Set<String> SUB_KEYS =
      Set.of("const", "derive", "style", "format", "zone", "separator", "zero-label");

  private MappingParser() {}

  static Mapping load(Path file) throws IOException {
    if (!Files.isReadable(file)) {
      throw new MappingException("mapping file not found or not readable: " + file);
    }
    return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /** A mapping shipped with the importer ({@code mappings/NAME.properties} beside this class). */
  static Mapping shipped(String name) {
    String resource = "mappings/" + name + ".properties";
    try (InputStream in = MappingParser.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no shipped mapping " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("shipped mapping " + resource + " is broken: "
          + e.getMessage(), e);
    }
  }

  /**
   * Parses properties-style text: {@code key = value} per line, {@code #} or {@code !} comments.
   * Unlike {@link java.util.Properties} a key given twice is an error, not a silent override.
   */
  static Mapping parse(String origin, String text) throws MappingException {
    Map<String, String> keys = new LinkedHashMap<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new MappingException(origin + ", line " + (i + 1) + ": expected key = value, got '"
            + Fields.abbreviate(line) + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = unescape(line.substring(eq + 1).strip());
      if (keys.put(key, value) != null) {
        throw new MappingException(origin + ": " + key + ": given twice (line " + (i + 1)
            + " repeats it); one field takes one mapping");
      }
    }
    return of(origin, keys);
  }

  /** {@code \t} for a tab delimiter, {@code \s} for a space; nothing else is escaped. */
  private static String unescape(String v) {
    return switch (v) {
      case "\\t" -> "\t";
      case "\\s" -> " ";
      default -> v;
    };
  }

  private static Mapping of(String origin, Map<String, String> keys) throws MappingException {
    Map<String, Field> byKey = new LinkedHashMap<>();
    for (Field f : Field.values()) {
      byKey.put(f.key, f);
    }
    Map<Field, Map<String, String>> perField = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : keys.entrySet()) {
      String key = e.getKey();
      if (TOP_KEYS.contains(key)) {
        continue;
      }
      Field f = byKey.get(key);
      String sub = "";
      if (f == null) {
        int dot = key.lastIndexOf('.');
        f = dot > 0 ? byKey.get(key.substring(0, dot)) : null;
        sub = dot > 0 ? key.substring(dot + 1) : "";
        if (f == null || !SUB_KEYS.contains(sub)) {
          throw new MappingException(origin + ": " + key + ": unknown key (fields are "
              + String.join(", ", byKey.keySet()) + "; each may have ." + String.join(", .",
              SUB_KEYS.stream().sorted().toList()) + "; top-level keys are "
              + String.join(", ", TOP_KEYS.stream().sorted().toList()) + ")");
        }
      }
      if (e.getValue().isEmpty() && !"const".equals(sub)) {
        throw new MappingException(origin + ": " + key + ": empty value");
      }
      perField.computeIfAbsent(f, x -> new LinkedHashMap<>()).put(sub, e.getValue());
    }

    Map<Field, FieldSpec> fields = new LinkedHashMap<>();
    for (Map.Entry<Field, Map<String, String>> e : perField.entrySet()) {
      fields.put(e.getKey(), spec(origin, e.getKey(), e.getValue()));
    }
    String input = keys.getOrDefault("input", "csv");
    if (!input.equals("csv") && !input.equals("jsonl")) {
      throw new MappingException(origin + ": input: '" + input + "' is not csv or jsonl");
    }
    String delim = keys.getOrDefault("csv.delimiter", ",");
    if (delim.length() != 1 || delim.charAt(0) > 127 || delim.equals("\"")) {
      throw new MappingException(origin + ": csv.delimiter: '" + delim
          + "' is not one ASCII character other than a quote (write \\t for a tab)");
    }
    Mapping.Repeat repeat;
    try {
      repeat = Mapping.Repeat.valueOf(keys.getOrDefault("post.repeat", "once-per-import")
          .toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException ex) {
      throw new MappingException(origin + ": post.repeat: '" + keys.get("post.repeat")
          + "' is not every-row, once-per-file or once-per-import");
    }
    String files = keys.getOrDefault("files", input.equals("jsonl") ? "*.jsonl" : "*.csv");
    Mapping m = new Mapping(origin, keys.get("name"), input, (byte) delim.charAt(0), files,
        repeat, Collections.unmodifiableMap(fields));
    checkComplete(m);
    return m;
  }

  private static FieldSpec spec(String origin, Field f, Map<String, String> sub)
      throws MappingException {
    List<String> feeds = new ArrayList<>();
    for (String k : List.of("", "const", "derive")) {
      if (sub.containsKey(k)) {
        feeds.add(k.isEmpty() ? f.key : f.key + "." + k);
      }
    }
    if (feeds.size() > 1) {
      throw new MappingException(origin + ": " + f.key + ": two mappings for one field ("
          + String.join(" and ", feeds) + "); keep one");
    }
    boolean fromCaption = f == Field.HASHTAGS && "caption".equals(sub.get("style"));
    if (feeds.isEmpty() && !fromCaption) {
      throw new MappingException(origin + ": " + f.key + ": says how to read the field but not "
          + "where it comes from (give " + f.key + " = COLUMN, " + f.key + ".const or "
          + f.key + ".derive)");
    }
    String derive = sub.get("derive");
    if (derive != null && !(f == Field.OBSERVED_AT
        && (derive.equals(DERIVE_NEWEST) || derive.equals(DERIVE_COMMAND_LINE)))) {
      throw new MappingException(origin + ": " + f.key + ".derive: '" + derive + "' is not "
          + "supported (only engagement.observedAt.derive = " + DERIVE_NEWEST + " or "
          + DERIVE_COMMAND_LINE + ")");
    }
    List<String> styles = STYLES.get(f.kind);
    String style = sub.getOrDefault("style", styles.get(0));
    if (!styles.contains(style)) {
      throw new MappingException(origin + ": " + f.key + ".style: '" + style
          + "' is not one of " + String.join(", ", styles));
    }
    if (fromCaption && !feeds.isEmpty()) {
      throw new MappingException(origin + ": " + f.key + ": two mappings for one field ("
          + feeds.get(0) + " and .style = caption, which takes the tags from post.caption); "
          + "keep one");
    }
    String format = sub.get("format");
    ZoneId zone = null;
    if (f.kind == Kind.TIME) {
      if (format == null && derive == null) {
        format = ISO;
      }
      if (format != null && !format.equals(EPOCH_SECONDS) && !format.equals(EPOCH_MILLIS)
          && !format.equals(ISO)) {
        try {
          DateTimeFormatter.ofPattern(format);
        } catch (IllegalArgumentException e) {
          throw new MappingException(origin + ": " + f.key + ".format: '" + format
              + "' is neither epoch-seconds, epoch-millis, iso nor a date-time pattern: "
              + e.getMessage());
        }
      }
      try {
        zone = ZoneId.of(sub.getOrDefault("zone", "UTC"));
      } catch (java.time.DateTimeException e) {
        throw new MappingException(origin + ": " + f.key + ".zone: '" + sub.get("zone")
            + "' is not a time zone (UTC, +07:00, Asia/Ho_Chi_Minh)");
      }
    } else {
      for (String only : List.of("format", "zone")) {
        if (sub.containsKey(only)) {
          throw new MappingException(origin + ": " + f.key + "." + only
              + ": only time fields take ." + only);
        }
      }
    }
    if (sub.containsKey("separator") != (f == Field.HASHTAGS && style.equals("separated"))) {
      throw new MappingException(origin + ": " + f.key + ".separator: goes with, and only with, "
          + "post.hashtags.style = separated");
    }
    if (sub.containsKey("zero-label") && f.kind != Kind.COUNT) {
      throw new MappingException(origin + ": " + f.key + ".zero-label: only counts take it");
    }
    return new FieldSpec(f, sub.get(""), sub.get("const"), derive, style, format, zone,
        sub.get("separator"), sub.get("zero-label"));
  }

  /** A post needs its id, author and time; a snapshot needs its four counts and a time. */
  private static void checkComplete(Mapping m) throws MappingException {
    Map<Field, FieldSpec> fields = m.fields;
    String origin = m.origin;
    boolean anyPost = fields.keySet().stream().anyMatch(Field::isPost);
    boolean anySnapshot = fields.keySet().stream().anyMatch(f -> !f.isPost());
    if (!anyPost && !anySnapshot) {
      throw new MappingException(origin + ": maps no field (a post needs post.videoId, "
          + "post.authorId, post.createdAt; a snapshot engagement.views, .likes, .comments, "
          + ".shares and .observedAt)");
    }
    if (anyPost) {
      require(m, Field.VIDEO_ID, "a post");
      require(m, Field.AUTHOR_ID, "a post");
      require(m, Field.CREATED_AT, "a post");
    }
    if (anySnapshot) {
      for (Field f : List.of(Field.VIEWS, Field.LIKES, Field.COMMENTS, Field.SHARES,
          Field.OBSERVED_AT)) {
        require(m, f, "a snapshot");
      }
      if (!fields.containsKey(Field.SNAPSHOT_VIDEO_ID) && !fields.containsKey(Field.VIDEO_ID)) {
        require(m, Field.SNAPSHOT_VIDEO_ID, "a snapshot without a post");
      }
      FieldSpec obs = fields.get(Field.OBSERVED_AT);
      if (DERIVE_NEWEST.equals(obs.derive()) && !fields.containsKey(Field.CREATED_AT)) {
        throw new MappingException(origin + ": engagement.observedAt.derive: "
            + DERIVE_NEWEST + " needs post.createdAt");
      }
    }
  }

  private static void require(Mapping m, Field f, String what) throws MappingException {
    if (!m.fields.containsKey(f)) {
      throw new MappingException(m.origin + ": " + f.key + ": missing; " + what + " needs it");
    }
  }
}
