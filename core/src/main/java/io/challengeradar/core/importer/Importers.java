package io.challengeradar.core.importer;

import io.challengeradar.core.event.EventCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The importers by format name: the one place a new format is registered. */
public final class Importers {

  private static final Map<String, Function<EventCodec, Importer>> BY_FORMAT = registry();

  private Importers() {}

  private static Map<String, Function<EventCodec, Importer>> registry() {
    Map<String, Function<EventCodec, Importer>> m = new LinkedHashMap<>();
    m.put(TiktokScraperJsonImporter.FORMAT, TiktokScraperJsonImporter::new);
    m.put("tiktokapi-csv", shipped("tiktokapi-csv"));
    m.put("datares-users-csv", shipped("datares-users-csv"));
    m.put("datares-sounds-csv", shipped("datares-sounds-csv"));
    m.put("vn-feed-csv", shipped("vn-feed-csv"));
    m.put("vn-histories-csv", shipped("vn-histories-csv"));
    m.put(YoutubeTrendingCsvImporter.FORMAT, YoutubeTrendingCsvImporter::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** A layout whose logic is a mapping file shipped with the importer. */
  private static Function<EventCodec, Importer> shipped(String name) {
    Mapping mapping = MappingParser.shipped(name);
    return codec -> new MappedCsvImporter(mapping, null, codec);
  }

  /**
   * A new importer for the layout a mapping file describes ({@code radar import --format mapped}).
   *
   * @param observedAt the observation time for a mapping that takes it from the command line, or
   *     null
   * @throws MappingException when the file is not a usable mapping, naming the key and reason
   */
  public static Importer mapped(Path mappingFile, Instant observedAt, EventCodec codec)
      throws IOException {
    Mapping mapping = MappingParser.load(mappingFile);
    return mapping.isJsonLines() ? new MappedJsonLinesImporter(mapping, observedAt, codec)
        : new MappedCsvImporter(mapping, observedAt, codec);
  }

  /** Every format name, in a stable order. */
  public static List<String> formats() {
    return List.copyOf(BY_FORMAT.keySet());
  }

  /** A new importer for {@code format} validating with the default codec. */
  public static Importer forFormat(String format) {
    return forFormat(format, EventCodec.withDefaults());
  }

  /**
   * A new importer for {@code format} whose events are checked against {@code codec}.
   *
   * @throws IllegalArgumentException for an unknown format, listing the valid ones
   */
  public static Importer forFormat(String format, EventCodec codec) {
    Function<EventCodec, Importer> factory = format == null ? null : BY_FORMAT.get(format);
    if (factory == null) {
      throw new IllegalArgumentException("unknown import format '" + format
          + "'; valid formats: " + String.join(", ", formats()));
    }
    return factory.apply(codec);
  }
}
