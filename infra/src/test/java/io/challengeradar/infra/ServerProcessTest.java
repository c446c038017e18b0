package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A launcher whose server is its child, as Elasticsearch's is, with a shell in their place. */
class ServerProcessTest {
  @TempDir Path dir;

  private ServerProcess launcher;

  @AfterEach
  void stop() {
    if (launcher != null) {
      launcher.handle().descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.close();
    }
  }

  @Test
  void killTakesTheServerTheLauncherStartedWithIt() throws Exception {
    launcher = spawnLauncher();
    ProcessHandle server = awaitServer(launcher);

    launcher.kill();

    assertThat(launcher.isAlive()).isFalse();
    assertThat(server.isAlive()).as("the launcher's child").isFalse();
    launcher.close();
    assertThat(launcher.stopOutcome()).contains(ServerProcess.StopOutcome.NOT_RUNNING);
  }

  @Test
  void killingTheLauncherAloneLeavesItsServerRunning() throws Exception {
    launcher = spawnLauncher();
    ProcessHandle server = awaitServer(launcher);

    launcher.handle().destroyForcibly();
    launcher.handle().onExit().get(10, TimeUnit.SECONDS);

    assertThat(server.isAlive()).as("the orphaned child, which kill() would have taken").isTrue();
    server.destroyForcibly();
    server.onExit().get(10, TimeUnit.SECONDS);
  }

  private ServerProcess spawnLauncher() {
    ServerProcess.Spec spec = new ServerProcess.Spec("launcher",
        List.of("bash", "-c", "sleep 300; exit 0"), Map.of(), dir, dir.resolve("console.log"),
        List.of());
    return ServerProcess.spawn(spec, Duration.ofSeconds(5), false);
  }

  private static ProcessHandle awaitServer(ServerProcess launcher) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<ProcessHandle> children = launcher.handle().children().toList();
      if (!children.isEmpty()) {
        return children.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the launcher started no child");
  }
}
