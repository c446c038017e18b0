package io.challengeradar.core.importer;

import io.challengeradar.core.event.CodecOptions;
import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.EventCodec;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs an importer in memory and keeps what it produced, for assertions. */
final class Collected implements EventSink, RejectSink {

  /** The codec's "now" in tests: after every fixture time, so only real damage is refused. */
  static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");
  static final EventCodec CODEC =
      new EventCodec(CodecOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));

  final List<Event> events = new ArrayList<>();
  final List<String> lines = new ArrayList<>();
  final List<Reject> rejects = new ArrayList<>();
  ImportStats stats;

  static Collected run(String format, Path in) throws IOException {
    Collected c = new Collected();
    c.stats = Importers.forFormat(format, CODEC).importFrom(in, c, c, Progress.silent());
    return c;
  }

  static Path resource(String name) {
    try {
      return Path.of(Collected.class.getResource("/importer/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void accept(Event event) {
    events.add(event);
  }

  @Override
  public void accept(Event event, String line) {
    events.add(event);
    lines.add(line);
  }

  @Override
  public void accept(Reject reject) {
    rejects.add(reject);
  }

  List<Post> posts() {
    return events.stream().filter(Post.class::isInstance).map(Post.class::cast).toList();
  }

  List<EngagementSnapshot> snapshots() {
    return events.stream().filter(EngagementSnapshot.class::isInstance)
        .map(EngagementSnapshot.class::cast).toList();
  }

  static Instant unix(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }
}
