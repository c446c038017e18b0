package io.challengeradar.core.event;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts an imported crawl into event-time order, so that a replay streams it as it happened. A
 * crawl lists videos in its own order (by rank, by author) with every snapshot at crawl time;
 * replayed as listed, nearly every event would be far behind the watermark and dead-lettered as
 * late. Lines the codec refuses stay, first, in their order, to be dead-lettered by the pipeline.
 * The sort is stable, so equal times keep the import's order and the replay stays deterministic.
 */
public final class EventTimeOrder {
  private EventTimeOrder() {}

  private record Timed(long millis, long line, byte[] bytes) {}

  /** Sorts {@code in} into {@code out}; returns the number of lines. Holds the file in memory. */
  public static long sort(Path in, Path out, EventCodec codec) throws IOException {
    List<Timed> lines = new ArrayList<>();
    try (InputStream is = Files.newInputStream(in);
        NdjsonReader reader = new NdjsonReader(is, codec.options().maxLineBytes())) {
      NdjsonReader.Line line;
      while ((line = reader.next()) != null) {
        long millis = Long.MIN_VALUE;
        if (!line.oversized()) {
          try {
            millis = codec.decode(line.bytes()).eventTime().toEpochMilli();
          } catch (InvalidEventException refused) {
            // Kept with the smallest time: the pipeline refuses it again, with its reason.
          }
        }
        lines.add(new Timed(millis, line.number(), line.bytes()));
      }
    }
    lines.sort(Comparator.comparingLong(Timed::millis).thenComparingLong(Timed::line));
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
      for (Timed t : lines) {
        os.write(t.bytes());
        os.write('\n');
      }
    }
    return lines.size();
  }
}
