package io.challengeradar.core.importer;

import io.challengeradar.core.event.EventCodec;
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
    m.put(TiktokApiCsvImporter.FORMAT, TiktokApiCsvImporter::new);
    m.put(DataresUsersCsvImporter.FORMAT, DataresUsersCsvImporter::new);
    m.put(DataresSoundsCsvImporter.FORMAT, DataresSoundsCsvImporter::new);
    m.put(VnCsvImporter.FEED_FORMAT, VnCsvImporter::feed);
    m.put(VnCsvImporter.HISTORIES_FORMAT, VnCsvImporter::histories);
    m.put(YoutubeTrendingCsvImporter.FORMAT, YoutubeTrendingCsvImporter::new);
    return java.util.Collections.unmodifiableMap(m);
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
