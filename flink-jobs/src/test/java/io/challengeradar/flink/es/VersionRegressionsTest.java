package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.contract.Index;
import io.challengeradar.flink.enrich.Reenricher;
import io.challengeradar.flink.es.BulkOutcomes.ItemResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.SimpleCounter;
import org.junit.jupiter.api.Test;

class VersionRegressionsTest {
  private static final String VIDEOS = Index.VIDEOS.indexName();

  private final AtomicLong clock = new AtomicLong();
  private final SimpleCounter counter = new SimpleCounter();

  @Test
  void aFreshJobsVideoWriteRefusedForAHigherStoredVersionIsARegression() {
    VersionRegressions r = new VersionRegressions(true, counter, clock::get);

    r.check(List.of(video("v1", 1), video("v2", 5), video("v3", 2), video("v4", 7)), List.of(
        conflict("v1", 30, 1), new ItemResult(201, null, null), conflict("v3", 2, 2),
        conflict("v4", 9, 7)));

    assertThat(r.count()).isEqualTo(2);
    assertThat(counter.getCount()).isEqualTo(2);
  }

  @Test
  void aSnapshotOvertakenByTheWritersOwnLaterOneInAnotherRequestIsNoRegression() {
    VersionRegressions r = new VersionRegressions(true, counter, clock::get);
    List<EsOperation> earlier = List.of(video("v1", 1), video("v2", 1));
    List<EsOperation> later = List.of(video("v1", 2));
    r.sent(earlier);
    r.sent(later);

    // The later request was applied first: v1's first snapshot meets the job's own version 2,
    // while v2 meets a version this job never sent.
    r.check(earlier, List.of(conflict("v1", 2, 1), conflict("v2", 4, 1)));

    assertThat(r.count()).isEqualTo(1);
  }

  @Test
  void afterARestoreConflictsAreTheReplayCatchingUpAndNotCounted() {
    VersionRegressions r = new VersionRegressions(false, counter, clock::get);

    r.check(List.of(video("v1", 1)), List.of(conflict("v1", 30, 1)));

    assertThat(r.count()).isZero();
    assertThat(counter.getCount()).isZero();
  }

  @Test
  void onlyVersionedVideoWritesAreLookedAt() {
    EsOperation stage = EsOperation.of(Index.HASHTAGS.indexName(), "hashtag:x", json(), 1L);
    EsOperation window = EsOperation.of(Index.HASHTAG_WINDOWS.indexName(), "w", json(), null);

    assertThat(VersionRegressions.storedVersion(stage, conflict("hashtag:x", 99, 1))).isEqualTo(-1);
    assertThat(VersionRegressions.storedVersion(window, conflict("w", 99, 1))).isEqualTo(-1);
    assertThat(VersionRegressions.storedVersion(video("v", 1),
        new ItemResult(400, "mapper_parsing_exception", "current version [9]"))).isEqualTo(-1);
    assertThat(VersionRegressions.storedVersion(video("v", 1), conflict("v", 12, 1)))
        .isEqualTo(12);
  }

  @Test
  void aVideoThatReenrichWroteIsNotARegression() {
    long reenriched = Reenricher.VERSION_OFFSET + 3;

    assertThat(VersionRegressions.storedVersion(video("v", 4), conflict("v", reenriched, 4)))
        .isEqualTo(-1);
  }

  @Test
  void saysSoAtOnceThenAtMostOnceAMinuteWhileCountingEveryOne() {
    VersionRegressions r = new VersionRegressions(true, counter, clock::get);
    for (int i = 0; i < 4; i++) {
      r.check(List.of(video("v", 1)), List.of(conflict("v", 5, 1)));
      clock.addAndGet(TimeUnit.SECONDS.toNanos(20));
    }
    // At 0 s, then at 60 s; not at 20 s or 40 s.
    assertThat(r.count()).isEqualTo(4);
    assertThat(r.warnings()).isEqualTo(2);
    r.check(List.of(video("v", 3)), List.of(new ItemResult(200, null, null)));
    assertThat(r.warnings()).as("nothing refused, nothing said").isEqualTo(2);
  }

  private static EsOperation video(String id, long version) {
    return EsOperation.of(VIDEOS, id, json(), version);
  }

  private static byte[] json() {
    return "{}".getBytes(StandardCharsets.UTF_8);
  }

  /** As Elasticsearch words an external_gte conflict. */
  private static ItemResult conflict(String id, long stored, long provided) {
    return new ItemResult(409, "version_conflict_engine_exception", "[" + id + "]: version"
        + " conflict, current version [" + stored + "] is higher than the one provided ["
        + provided + "]");
  }
}
