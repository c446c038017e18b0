package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedCheckpointsTest {
  private static final String RUN_A = "0123456789abcdef0123456789abcdef";
  private static final String RUN_B = "fedcba9876543210fedcba9876543210";

  @TempDir Path dir;

  @Test
  void theNewestCompleteCheckpointOfAnyRunIsTheOneToResumeFrom() throws Exception {
    checkpoint(RUN_A, 7, Instant.parse("2026-01-01T10:00:00Z"));
    checkpoint(RUN_B, 3, Instant.parse("2026-01-01T11:00:00Z"));
    Files.createDirectories(dir.resolve(RUN_B).resolve("chk-4")); // in progress: no _metadata
    Files.createDirectories(dir.resolve(RUN_B).resolve("shared"));

    RetainedCheckpoints.Retained latest =
        RetainedCheckpoints.latest(dir.toUri().toString()).orElseThrow();

    assertThat(latest.path()).isEqualTo(dir.resolve(RUN_B).resolve("chk-3"));
    assertThat(latest.checkpointId()).isEqualTo(3);
    assertThat(latest.written()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
    assertThat(latest.pointer()).startsWith("file:");
  }

  @Test
  void aCheckpointWhoseMetadataWasCutShortIsPassedOver() throws Exception {
    checkpoint(RUN_A, 7, Instant.parse("2026-01-01T10:00:00Z"));
    Path broken = Files.createDirectories(dir.resolve(RUN_B).resolve("chk-9"));
    Files.write(broken.resolve("_metadata"), new byte[] {0, 0});

    assertThat(RetainedCheckpoints.latest(dir.toString()).orElseThrow().path())
        .isEqualTo(dir.resolve(RUN_A).resolve("chk-7"));
  }

  @Test
  void noCheckpointOrNoFolderMeansAFreshStart() throws Exception {
    assertThat(RetainedCheckpoints.latest(dir.resolve("missing").toUri().toString())).isEmpty();
    Files.createDirectories(dir.resolve(RUN_A).resolve("chk-1"));
    assertThat(RetainedCheckpoints.latest(dir.toString())).isEmpty();
    assertThat(RetainedCheckpoints.isLocal("s3://bucket/checkpoints")).isFalse();
    assertThat(RetainedCheckpoints.latest("s3://bucket/checkpoints")).isEmpty();
  }

  @Test
  void olderRunsAreRemovedOnceANewerOneIsChosen() throws Exception {
    checkpoint(RUN_A, 7, Instant.parse("2026-01-01T10:00:00Z"));
    checkpoint(RUN_B, 3, Instant.parse("2026-01-01T11:00:00Z"));
    Files.createDirectories(dir.resolve("not-a-run"));

    int removed = RetainedCheckpoints.removeOlderRuns(
        RetainedCheckpoints.latest(dir.toString()).orElseThrow());

    assertThat(removed).isEqualTo(1);
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()).sorted().toList())
          .isEqualTo(List.of(RUN_B, "not-a-run"));
    }
  }

  private void checkpoint(String run, long id, Instant written) throws Exception {
    Path chk = Files.createDirectories(dir.resolve(run).resolve("chk-" + id));
    Path metadata = chk.resolve("_metadata");
    try (OutputStream out = Files.newOutputStream(metadata)) {
      Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(), List.of()), out);
    }
    Files.setLastModifiedTime(metadata, FileTime.from(written));
  }
}
