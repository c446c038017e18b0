package io.challengeradar.infra;

import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a real Elasticsearch as a child process: prepares its files, starts it (as the service user
 * when this JVM is root), waits for the cluster to be yellow or green, and stops it on
 * {@link #close()} or when the JVM exits. A state file lets another terminal find and stop it.
 */
public final class ElasticsearchLauncher implements AutoCloseable {
  public static final String SERVER_NAME = "elasticsearch";
  private static final String INSTALLED_MARKER = ".radar-installed";
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  private final ElasticsearchOptions options;
  private final ElasticsearchDiscovery discovery;
  private final PrintStream notices;
  private ServerProcess process;
  private ElasticsearchLayout layout;
  private int transportPort;

  /**
   * @param notices where to say what is done on the way (user created, folders staged)
   */
  public ElasticsearchLauncher(ElasticsearchOptions options, PrintStream notices) {
    this(options, ElasticsearchDiscovery.singleNode(), notices);
  }

  /**
   * A launcher for one node that finds the others as {@code discovery} says (one node of an
   * {@link ElasticsearchCluster}).
   */
  public ElasticsearchLauncher(ElasticsearchOptions options, ElasticsearchDiscovery discovery,
      PrintStream notices) {
    this.options = Objects.requireNonNull(options, "options");
    this.discovery = Objects.requireNonNull(discovery, "discovery");
    this.notices = Objects.requireNonNull(notices, "notices");
    if (!discovery.single() && options.transportPort() == 0) {
      throw new IllegalArgumentException("a cluster node needs its transport port given: the"
          + " others find it there");
    }
  }

  /** Starts the server and returns once it answers cluster health yellow or green. */
  public synchronized ElasticsearchLauncher start() {
    spawn();
    awaitHealthy();
    return this;
  }

  /**
   * Starts the process without waiting: a node of a cluster answers health only once enough
   * nodes run to elect a master, so a cluster spawns every node first, then waits on each.
   */
  synchronized void spawn() {
    if (process != null) {
      throw new IllegalStateException("already started (pid " + process.pid() + ")");
    }
    ServerProcess.checkCanStart("Elasticsearch", options.stateFile(), options.httpPort());
    RunAs runAs = RunAs.forThisProcess(options.serviceUser());
    layout = ElasticsearchLayout.plan(options, runAs, Traversal::firstBlocked);
    layout.stagedBecause().ifPresent(blocked -> notices.println(
        "radar: " + runAs.user().orElseThrow() + " cannot pass " + blocked
            + ", so Elasticsearch's home, data and logs are staged in " + layout.root()));
    if (runAs.drops()) {
      ServiceUser.ensureExists(runAs.user().orElseThrow(), notices);
      Path javaHome = Path.of(System.getProperty("java.home"));
      Traversal.firstBlocked(javaHome).ifPresent(blocked -> {
        throw new PlatformException("Elasticsearch runs as " + runAs.user().orElseThrow()
            + ", who cannot pass " + blocked + " to reach the JVM at " + javaHome
            + "; use a JDK installed outside it");
      });
    }
    transportPort = options.transportPort() != 0
        ? options.transportPort()
        : Ports.preferredOrAnyFree(options.httpPort() + ElasticsearchOptions.TRANSPORT_PORT_OFFSET);
    prepareFiles(runAs);

    ServerProcess.Spec spec = new ServerProcess.Spec(
        serverName(), command(runAs), environment(), layout.logs(), layout.consoleLog(),
        List.of(layout.serverLog()));
    process = ServerProcess.spawn(spec, options.stopTimeout(), options.stopOnExit());
    Path stateFile = layout.stateFile();
    process.onStopped(() -> StateFile.delete(stateFile));
    StateFile.of(serverName(), process.handle(), url(), options.httpPort(), layout.data(),
        layout.logs(), runAs).write(stateFile);
  }

  /** Waits until the node answers cluster health yellow or green (stopping it on failure). */
  synchronized void awaitHealthy() {
    ElasticsearchAccess access = access();
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT);
    if (options.secure()) {
      http.sslContext(ElasticsearchClientFactory.sslContext(access));
    }
    HttpClient client = http.build();
    process.awaitReady(() -> healthy(client, access), options.startupTimeout());
  }

  /** The name in the state file: the server's, with the node's name when one of a cluster. */
  private String serverName() {
    return discovery.single() ? SERVER_NAME : SERVER_NAME + " " + discovery.nodeName();
  }

  private boolean healthy(HttpClient http, ElasticsearchAccess access)
      throws IOException, InterruptedException {
    // GET / answers 405 in this build; cluster health is what clients need anyway.
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
        .timeout(PROBE_TIMEOUT)
        .GET();
    if (access.username() != null) {
      request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
          (access.username() + ":" + access.password()).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
  }

  /**
   * How clients reach this server: plain, or (secure) https trusting the local CA with the
   * file-realm user's credentials.
   */
  public ElasticsearchAccess access() {
    return options.secure() ? options.security().access(url()) : ElasticsearchAccess.plain(url());
  }

  private List<String> command(RunAs runAs) {
    List<String> command = new ArrayList<>(runAs.commandPrefix());
    command.add(layout.home().resolve("bin").resolve("elasticsearch").toString());
    return command;
  }

  private Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    // The integ-test distribution has no bundled JDK: run it on this JVM's.
    env.put("ES_JAVA_HOME", System.getProperty("java.home"));
    env.put("ES_JAVA_OPTS", ElasticsearchSettings.javaOpts(options));
    env.put("ES_TMPDIR", layout.tmp().toString());
    // The launcher JVM leaves a temporary folder per start in java.io.tmpdir; keep them in ours.
    env.put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + layout.tmp());
    env.put("ES_PATH_CONF", layout.config().toString());
    // Ignored by the scripts, but they warn about it on every start.
    env.put("JAVA_HOME", null);
    return env;
  }

  private void prepareFiles(RunAs runAs) {
    try {
      installHome();
      // Scratch space only (the launcher leaves a folder there per start): start it empty.
      deleteTree(layout.tmp());
      for (Path dir : List.of(layout.data(), layout.logs(), layout.tmp())) {
        Files.createDirectories(dir);
      }
      if (options.secure()) {
        Map<String, String> toolEnv = new LinkedHashMap<>(environment());
        toolEnv.remove("ES_JAVA_OPTS");
        options.security().prepare(layout.home(), layout.config(), url(), toolEnv);
      }
      Files.writeString(
          layout.config().resolve("elasticsearch.yml"),
          ElasticsearchSettings.toYaml(ElasticsearchSettings.render(
              options, layout, transportPort,
              ElasticsearchDistribution.modules(layout.home()), discovery)),
          StandardCharsets.UTF_8);
      if (runAs.drops()) {
        // The service user must own what the server writes: its config (keystore), data, logs.
        ServiceUser.chown(runAs.user().orElseThrow(),
            List.of(layout.home(), layout.data(), layout.logs(), layout.tmp()));
      }
    } catch (IOException e) {
      throw new PlatformException("cannot prepare Elasticsearch's files in " + layout.root()
          + ": " + e, e);
    }
  }

  /**
   * Copies the distribution once into the server's own home: the build's copy stays untouched,
   * and the service user can own this one.
   */
  private void installHome() throws IOException {
    Path home = layout.home();
    if (Files.exists(home.resolve(INSTALLED_MARKER))) {
      return;
    }
    Path partial = home.resolveSibling(home.getFileName() + ".partial");
    deleteTree(partial);
    deleteTree(home);
    copyTree(options.distribution(), partial);
    Files.writeString(partial.resolve(INSTALLED_MARKER), "copied from " + options.distribution());
    Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
          throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()),
            StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  public String url() {
    return options.url();
  }

  public ElasticsearchOptions options() {
    return options;
  }

  /** The layout in use; known once {@link #start()} has begun. */
  public ElasticsearchLayout layout() {
    if (layout == null) {
      throw new IllegalStateException("not started");
    }
    return layout;
  }

  public int transportPort() {
    return transportPort;
  }

  /** The running server's process. */
  public ServerProcess process() {
    if (process == null) {
      throw new IllegalStateException("not started");
    }
    return process;
  }

  /** Stops the server (SIGTERM, then kill after the stop timeout) and removes the state file. */
  @Override
  public synchronized void close() {
    if (process != null) {
      process.close();
    }
  }
}
