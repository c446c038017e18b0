package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch._types.Refresh;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's own life cycle: stop cleanly, restart on the same data, refuse clashes. */
class ElasticsearchLauncherIT {
  private static final String INDEX = "radar-engagement-restart-it";

  private final ByteArrayOutputStream noticeBytes = new ByteArrayOutputStream();
  private final PrintStream notices = new PrintStream(noticeBytes, true, StandardCharsets.UTF_8);

  private static ElasticsearchOptions options(int port) {
    Path home = SharedElasticsearch.testHome();
    return ElasticsearchOptions.defaults(home)
        .withHttpPort(port)
        .withBaseDir(home.resolve("it").resolve("launcher-elasticsearch"));
  }

  @Test
  void stopsCleanlyAndRestartsOnTheSameData() throws IOException {
    ElasticsearchOptions options = options(Ports.preferredOrAnyFree(19210));
    List<ProcessHandle> family;
    try (ElasticsearchLauncher first = new ElasticsearchLauncher(options, notices).start();
        ElasticsearchConnection connection = ElasticsearchClients.create(first.url())) {
      assertThat(StateFile.read(options.stateFile()))
          .hasValueSatisfying(s -> assertThat(s.pid()).isEqualTo(first.process().pid()));
      connection.client().indices().delete(d -> d.index(INDEX).ignoreUnavailable(true));
      connection.client().index(i -> i.index(INDEX).id("s1").refresh(Refresh.True)
          .document(Map.of("videoId", "v1", "observedAt", "2025-03-01T10:15:30Z", "views", 5)));
      family = processFamily(first.process().handle());
      assertThatThrownBy(() -> new ElasticsearchLauncher(options, notices).start())
          .isInstanceOf(PlatformException.class)
          .hasMessageContaining("already runs");
    }

    assertThat(family).noneMatch(ProcessHandle::isAlive);
    assertThat(Ports.isFree(options.httpPort())).isTrue();
    assertThat(options.stateFile()).doesNotExist();

    try (ElasticsearchLauncher second = new ElasticsearchLauncher(options, notices).start();
        ElasticsearchConnection connection = ElasticsearchClients.create(second.url())) {
      assertThat(connection.client().count(c -> c.index(INDEX)).count()).isEqualTo(1);
    }
  }

  @Test
  void refusesAPortTakenBySomethingElse() throws IOException {
    try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ElasticsearchOptions options = options(squatter.getLocalPort());

      assertThatThrownBy(() -> new ElasticsearchLauncher(options, notices).start())
          .isInstanceOf(PortTakenException.class)
          .hasMessageContaining("port " + squatter.getLocalPort() + " is already taken");
    }
  }

  private static List<ProcessHandle> processFamily(ProcessHandle root) {
    List<ProcessHandle> family = new java.util.ArrayList<>(root.descendants().toList());
    family.add(root);
    // The launcher script, its CLI JVM and the server JVM: at least the server must be there.
    assertThat(family).hasSizeGreaterThanOrEqualTo(2);
    return family;
  }
}
