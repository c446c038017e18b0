package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.Test;

class LocalJobRestartWatchTest {

  @Test
  void eachEntryIntoRestartingCountsOnceHoweverOftenItIsSeen() {
    LocalJob.RestartWatch watch = new LocalJob.RestartWatch();
    List<Integer> told = new ArrayList<>();
    for (JobStatus s : new JobStatus[] {JobStatus.CREATED, JobStatus.RUNNING,
        JobStatus.RESTARTING, JobStatus.RESTARTING, null, JobStatus.RESTARTING,
        JobStatus.RUNNING, JobStatus.RESTARTING, JobStatus.RUNNING}) {
      if (watch.observe(s)) {
        told.add(watch.restarts());
      }
    }
    assertThat(told).containsExactly(1, 2);
  }

  @Test
  void aJobThatNeverRestartsTellsNothing() {
    LocalJob.RestartWatch watch = new LocalJob.RestartWatch();
    assertThat(watch.observe(JobStatus.RUNNING)).isFalse();
    assertThat(watch.observe(JobStatus.FINISHED)).isFalse();
    assertThat(watch.restarts()).isZero();
  }
}
