package io.challengeradar.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventTimeOrderTest {
  @TempDir Path tmp;

  private static String post(String id, String at) {
    return "{\"type\":\"post\",\"videoId\":\"" + id + "\",\"authorId\":\"a\",\"createdAt\":\"" + at
        + "\",\"caption\":\"\",\"hashtags\":[],\"musicId\":null,\"durationSec\":null}";
  }

  @Test
  void sortsByEventTimeKeepingRefusedLinesFirstAndEqualTimesInImportOrder() throws Exception {
    String late = post("v1", "2021-03-02T00:00:00Z");
    String early = post("v2", "2021-03-01T00:00:00Z");
    String sameAsEarly = post("v3", "2021-03-01T00:00:00Z");
    String broken = "{\"type\":\"post\"";
    Path in = Files.write(tmp.resolve("in.ndjson"), List.of(late, early, broken, sameAsEarly));
    Path out = tmp.resolve("out.ndjson");

    long lines = EventTimeOrder.sort(in, out, EventCodec.withDefaults());

    assertThat(lines).isEqualTo(4);
    assertThat(Files.readAllLines(out)).containsExactly(broken, early, sameAsEarly, late);
  }
}
