package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  private static final Instant STARTED = Instant.parse("2025-03-01T10:15:30Z");

  @TempDir Path dir;

  private static StateFile sample(long pid, Instant started) {
    return new StateFile("elasticsearch", pid, started, "http://127.0.0.1:19200", 19200,
        Path.of("/data"), Path.of("/logs"), "radar");
  }

  @Test
  void roundTripsEveryField() {
    Path file = dir.resolve("state.properties");
    StateFile state = sample(4242, STARTED);

    state.write(file);

    assertThat(StateFile.read(file)).contains(state);
  }

  @Test
  void readsNothingWhenThereIsNoFile() {
    assertThat(StateFile.read(dir.resolve("missing.properties"))).isEmpty();
  }

  @Test
  void namesTheMissingFieldOfADamagedFile() throws Exception {
    Path file = dir.resolve("state.properties");
    Files.writeString(file, "server=kafka\npid=12\n");

    assertThatThrownBy(() -> StateFile.read(file))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("'endpoint' is missing");
  }

  @Test
  void findsThisJvmAsALiveProcess() {
    ProcessHandle self = ProcessHandle.current();
    StateFile state = sample(self.pid(), self.info().startInstant().orElse(null));

    assertThat(state.liveProcess()).contains(self);
  }

  @Test
  void ignoresAReusedPidThatStartedAtAnotherTime() {
    ProcessHandle self = ProcessHandle.current();

    assertThat(sample(self.pid(), STARTED).liveProcess()).isEmpty();
  }

  @Test
  void removesAStaleRecordInsteadOfRefusingToStart() {
    Path file = dir.resolve("state.properties");
    sample(ProcessHandle.current().pid(), STARTED).write(file);

    StateFile.refuseIfRecordedAlive(file, "Elasticsearch");

    assertThat(file).doesNotExist();
  }

  @Test
  void refusesToStartASecondServerOnTheSameFolder() {
    Path file = dir.resolve("state.properties");
    ProcessHandle self = ProcessHandle.current();
    sample(self.pid(), self.info().startInstant().orElse(null)).write(file);

    assertThatThrownBy(() -> StateFile.refuseIfRecordedAlive(file, "Elasticsearch"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("already runs")
        .hasMessageContaining("radar down");
  }
}
