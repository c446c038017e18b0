package io.challengeradar.flink.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.flink.deadletters.DeadLetterReplay.Letter;
import io.challengeradar.flink.deadletters.DeadLetterReplay.Skip;
import io.challengeradar.flink.es.Documents;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which dead letters a replay re-submits, and how it marks them, without any server. */
class DeadLetterReplayTest {
  static final Instant REFUSED = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant EVENT = Instant.parse("2026-03-01T09:59:00Z");
  static final String POST = "{\"type\":\"post\",\"videoId\":\"v1\"}";

  final List<DeadLetterReplay.Destination> both = List.of(
      new KafkaOnly(), new FileDestination(Path.of("replayed.ndjson")));

  static Letter letter(Origin origin, String raw, Instant replayedAt) {
    return new Letter("d1", raw, origin, EVENT, replayedAt);
  }

  @Test
  void resubmitsAnInputRecordToTheDestinationForItsOrigin() {
    assertThat(DeadLetterReplay.skip(letter(Origin.kafka("radar.posts", 0, 17), POST, null),
        both)).isNull();
    assertThat(DeadLetterReplay.skip(letter(Origin.file("events.ndjson", 3), POST, null),
        both)).isNull();
  }

  @Test
  void skipsADeadLetterAnEarlierReplayMarked() {
    assertThat(DeadLetterReplay.skip(letter(Origin.kafka("radar.posts", 0, 17), POST, REFUSED),
        both)).isEqualTo(Skip.ALREADY_REPLAYED);
  }

  @Test
  void skipsADocumentTheSinkRefusedSinceItIsNoInput() {
    assertThat(DeadLetterReplay.skip(letter(Origin.document("radar-videos", "v1"), POST, null),
        both)).isEqualTo(Skip.NOT_INPUT);
  }

  @Test
  void skipsAPayloadCutWhenTheDeadLetterWasMade() {
    String cut = DeadLetter.bound("x".repeat(DeadLetter.MAX_RAW_CHARS + 10));

    assertThat(DeadLetterReplay.skip(letter(Origin.kafka("radar.posts", 0, 1), cut, null), both))
        .isEqualTo(Skip.PAYLOAD_CUT);
  }

  @Test
  void skipsWhatHasNoDestinationAndSaysWhichFlagIsMissing() {
    assertThat(DeadLetterReplay.skip(letter(Origin.kafka("radar.posts", 0, 1), POST, null),
        List.of(new FileDestination(Path.of("out.ndjson"))))).isEqualTo(Skip.NO_KAFKA);
    assertThat(DeadLetterReplay.skip(letter(Origin.file("events.ndjson", 1), POST, null),
        List.of(new KafkaOnly()))).isEqualTo(Skip.NO_FILE);
  }

  @Test
  void readsADeadLetterAsTheJobWritesItAndTheMarkAsAReplayWritesIt() throws Exception {
    DeadLetter written = new DeadLetter(POST, DeadLetter.STAGE_WATERMARK, DeadLetter.REASON_LATE,
        null, "late by 5 minutes", Origin.kafka("radar.posts", 2, 41), EVENT, REFUSED);
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(
        Documents.deadLetter(written).source());

    Letter fresh = DeadLetterReplay.letter(written.id(), doc);
    doc.setAll((ObjectNode) new ObjectMapper().valueToTree(
        DeadLetterReplay.mark(REFUSED.plusSeconds(60), "kafka:radar.posts")));
    Letter marked = DeadLetterReplay.letter(written.id(), doc);

    assertThat(fresh).isEqualTo(new Letter(written.id(), POST,
        Origin.kafka("radar.posts", 2, 41), EVENT, null));
    assertThat(marked.replayedAt()).isEqualTo(REFUSED.plusSeconds(60));
    assertThat(DeadLetterReplay.skip(marked, both)).isEqualTo(Skip.ALREADY_REPLAYED);
  }

  /** A destination for Kafka records that sends nothing: only which origins it takes matters. */
  static final class KafkaOnly implements DeadLetterReplay.Destination {
    @Override
    public boolean takes(Origin origin) {
      return Origin.KAFKA.equals(origin.kind());
    }

    @Override
    public void send(Letter letter) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void flush() {}

    @Override
    public String name(Letter letter) {
      return "kafka:" + letter.origin().name();
    }

    @Override
    public void close() {}
  }
}
