package io.challengeradar.app.bench;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.InvalidEventException;
import io.challengeradar.core.event.NdjsonReader;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays a canonical NDJSON file into Elasticsearch: each line is decoded by the strict codec and
 * then either indexed or dead-lettered with the codec's field and reason.
 */
public final class Replay {

  /** What one replay read. */
  public record Counts(long lines, long posts, long snapshots, long invalid) {}

  private final EventCodec codec;

  public Replay(EventCodec codec) {
    this.codec = codec;
  }

  public Counts run(Path file, EventIndexer indexer, Progress progress) throws IOException {
    long lines = 0;
    long posts = 0;
    long snapshots = 0;
    long invalid = 0;
    String name = file.getFileName().toString();
    try (InputStream in = Files.newInputStream(file);
        NdjsonReader reader = new NdjsonReader(in, codec.options().maxLineBytes())) {
      NdjsonReader.Line line;
      while ((line = reader.next()) != null) {
        lines++;
        String raw = new String(line.bytes(), StandardCharsets.UTF_8);
        EventIndexer.Origin origin = new EventIndexer.Origin(name, line.number(), raw);
        if (line.oversized()) {
          invalid++;
          indexer.deadLetter(origin, "$", "line is " + line.length()
              + " bytes, over the limit of " + codec.options().maxLineBytes());
        } else {
          try {
            Event event = codec.decode(line.bytes());
            indexer.index(event, origin);
            if (event instanceof io.challengeradar.core.event.Post) {
              posts++;
            } else {
              snapshots++;
            }
          } catch (InvalidEventException e) {
            invalid++;
            indexer.deadLetter(origin, e.field(), e.reason());
          }
        }
        progress.advance(1);
      }
    }
    return new Counts(lines, posts, snapshots, invalid);
  }
}
