package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCoalescerTest {
  static EsOperation write(String index, String id, String body, Long version) {
    return EsOperation.of(index, id, body.getBytes(StandardCharsets.UTF_8), version);
  }

  static List<String> bodies(List<EsOperation> ops) {
    return ops.stream().map(o -> new String(o.source(), StandardCharsets.UTF_8)).toList();
  }

  @Test
  void keepsTheBatchAsItIsWhenEveryDocumentIsWrittenOnce() {
    List<EsOperation> batch = List.of(write("radar-videos", "v1", "a", 1L),
        write("radar-videos", "v2", "b", 1L), write("radar-deadletter", "v1", "c", null));

    assertThat(BulkCoalescer.lastPerDocument(batch)).isSameAs(batch);
  }

  @Test
  void keepsTheHighestVersionOfAVersionedDocumentWhateverItsPlace() {
    List<EsOperation> batch = List.of(write("radar-videos", "v1", "v1@2", 2L),
        write("radar-videos", "v2", "v2@1", 1L), write("radar-videos", "v1", "v1@3", 3L),
        write("radar-videos", "v1", "v1@1 reordered", 1L));

    assertThat(bodies(BulkCoalescer.lastPerDocument(batch))).containsExactly("v2@1", "v1@3");
  }

  @Test
  void keepsTheLaterOfTwoWritesWithTheSameVersion() {
    List<EsOperation> batch = List.of(write("radar-hashtags", "hashtag:dance", "first", 7L),
        write("radar-hashtags", "hashtag:dance", "second", 7L));

    assertThat(bodies(BulkCoalescer.lastPerDocument(batch))).containsExactly("second");
  }

  @Test
  void keepsTheLastWriteOfAnUnversionedDocument() {
    List<EsOperation> batch = List.of(write("radar-challenge-alerts", "a1", "plain", null),
        write("radar-hashtag-windows", "w1", "window", null),
        write("radar-challenge-alerts", "a1", "assessed", null));

    assertThat(bodies(BulkCoalescer.lastPerDocument(batch)))
        .containsExactly("window", "assessed");
  }

  @Test
  void neverMergesTheSameIdInDifferentIndices() {
    List<EsOperation> batch = List.of(write("radar-videos", "v1", "video", 1L),
        write("radar-deadletter", "v1", "dead letter", null));

    assertThat(BulkCoalescer.lastPerDocument(batch)).hasSize(2);
  }
}
