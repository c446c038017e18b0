package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineRestartNoticeTest {

  @Test
  void aFreshJobsRestartNamesTheLogButNotTheRestore() {
    assertThat(PipelineCommand.restartNotice(3, null, "/home/r/.radar/logs/pipeline.log"))
        .isEqualTo("pipeline: the job failed and restarts from its last checkpoint (restart 3);"
            + " the cause is in /home/r/.radar/logs/pipeline.log");
  }

  @Test
  void aResumedJobRestartingAgainIsToldTheStateMayBeFromAnIncompatibleBuild() {
    String first = PipelineCommand.restartNotice(1, "file:/ckpt/chk-68", null);
    String again = PipelineCommand.restartNotice(2, "file:/ckpt/chk-68", null);

    assertThat(first).endsWith("the cause is in the library log");
    assertThat(again).contains("Resumed from file:/ckpt/chk-68")
        .contains("written by an incompatible build or another job.state-backend")
        .contains("docs/pipeline.md");
  }
}
