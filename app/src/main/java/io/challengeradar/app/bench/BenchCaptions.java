package io.challengeradar.app.bench;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.importer.Importers;
import io.challengeradar.core.util.Progress;
import io.challengeradar.serving.wire.Wire;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The texts real posts send to the serving tier, for the serving benchmark: a post's caption, or
 * its hashtags as {@code #a #b} when the caption is empty (what the serving tier embeds then),
 * cut to the default caption limit; posts with neither are left out.
 */
final class BenchCaptions {

  private BenchCaptions() {}

  /**
   * Up to {@code limit} texts, in file order.
   *
   * @param format {@code ndjson} for canonical events, else an importer format
   */
  static List<String> read(Path data, String format, int limit) throws IOException {
    List<String> out = new ArrayList<>();
    Consumer<Event> take = e -> {
      if (out.size() < limit && e instanceof Post p) {
        String text = text(p);
        if (!text.isBlank()) {
          out.add(text);
        }
      }
    };
    EventCodec codec = EventCodec.withDefaults();
    if ("ndjson".equals(format)) {
      try (BufferedReader in = Files.newBufferedReader(data, StandardCharsets.UTF_8)) {
        String line;
        while (out.size() < limit && (line = in.readLine()) != null) {
          try {
            take.accept(codec.decode(line));
          } catch (InvalidEventException e) {
            // The pipeline would dead-letter it; it sends nothing to the serving tier either.
          }
        }
      }
    } else {
      Importers.forFormat(format, codec)
          .importFrom(data, take::accept, reject -> { }, Progress.silent());
    }
    if (out.isEmpty()) {
      throw new IOException("no post with a caption or hashtags in " + data);
    }
    return out;
  }

  static String text(Post p) {
    String caption = p.caption() == null ? "" : p.caption().strip();
    if (caption.isEmpty()) {
      caption = String.join(" ", p.hashtags().stream().map(h -> "#" + h).toList());
    }
    return caption.length() > Wire.DEFAULT_MAX_CAPTION_CHARS
        ? caption.substring(0, Wire.DEFAULT_MAX_CAPTION_CHARS) : caption;
  }
}
