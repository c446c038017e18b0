package io.challengeradar.flink.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Post;
import io.challengeradar.flink.TestEvents;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class EventSerializerTest {

  static <T> T roundTrip(org.apache.flink.api.common.typeutils.TypeSerializer<T> s, T value)
      throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(value, out);
    return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void keepsEveryFieldOfAPostIncludingNullsAndLongCaptions() throws Exception {
    Post full = TestEvents.post("v1", "a1", Instant.parse("2024-03-01T00:00:00.123456789Z"), "m1",
        "dance", "fyp").withAuthorHandle("@a").withLocale("en", "US");
    Post sparse = Post.of("v2", "a2", TestEvents.BEGINNING, "x".repeat(70_000), List.of(), null,
        null);

    assertThat(roundTrip(EventSerializer.INSTANCE, (Event) full)).isEqualTo(full);
    assertThat(roundTrip(EventSerializer.INSTANCE, (Event) sparse)).isEqualTo(sparse);
  }

  @Test
  void keepsEveryFieldOfASnapshot() throws Exception {
    EngagementSnapshot s = new EngagementSnapshot("v1", TestEvents.BEGINNING, 10, 2, 1, 0, 7L);

    assertThat(roundTrip(EventSerializer.INSTANCE, (Event) s)).isEqualTo(s);
  }

  @Test
  void keepsThePayloadAndOriginWithTheEvent() throws Exception {
    SourcedEvent e = new SourcedEvent(TestEvents.snapshot("v1", TestEvents.BEGINNING, 5),
        "{\"raw\":true}", Origin.kafka("radar.engagement", 3, 12_345));

    assertThat(roundTrip(SourcedEventSerializer.INSTANCE, e)).isEqualTo(e);
  }
}
