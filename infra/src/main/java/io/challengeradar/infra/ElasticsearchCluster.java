package io.challengeradar.infra;

import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.IngestSettings;
import io.challengeradar.contract.TemplateException;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.contract.TemplateOutcome;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A local Elasticsearch cluster of N nodes, each its own process of the same distribution as
 * {@code radar up}'s, with its own data, logs, ports and state file ({@code <base>/node-i}). Every
 * node is master-eligible and lists the others as seed hosts; node i listens on HTTP port
 * {@code firstHttpPort + i - 1} and transport port {@code firstHttpPort + 100 + i - 1}. The
 * contract's templates are installed with the replicas {@code ingest} asks for (1 by default on
 * more than one node), so losing any one node loses no document.
 */
public final class ElasticsearchCluster implements AutoCloseable {
  /** The cluster's folder under the radar home. */
  public static final String DIR_NAME = "elasticsearch-cluster";

  private final ClusterNodes<ElasticsearchLauncher> nodes =
      new ClusterNodes<>(ElasticsearchLauncher::spawn, ElasticsearchLauncher::awaitHealthy);
  private List<TemplateOutcome> templates = List.of();

  private ElasticsearchCluster() {}

  /** The folder of node {@code index} (1-based) under the cluster's base folder. */
  public static Path nodeDir(Path baseDir, int index) {
    return baseDir.resolve("node-" + index);
  }

  /**
   * Starts {@code count} nodes from {@code template} (its heap, timeouts, distribution; ports
   * and folders are each node's) under {@code baseDir}, waits until every node answers, then,
   * from two nodes, until the cluster survives the loss of any one node it may survive
   * ({@link ElasticsearchFormation}: every node joined, the voting configuration settled with no
   * bootstrap placeholder, health green; within the template's startup timeout), then installs
   * the templates. On any failure every node started is stopped before the exception leaves.
   */
  public static ElasticsearchCluster start(ElasticsearchOptions template, int count, Path baseDir,
      IngestSettings ingest, PrintStream notices) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, got " + count);
    }
    if (template.secure()) {
      throw new PlatformException("a local Elasticsearch cluster runs without TLS; `radar up"
          + " --secure` is the secured single node");
    }
    ClusterFolders.requireSameSize(baseDir, count, i -> nodeDir(baseDir, i),
        dir -> ClusterFolders.nonEmpty(dir.resolve("data")), "Elasticsearch nodes",
        "--es-nodes");
    List<Integer> transportPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      transportPorts.add(template.httpPort() + ElasticsearchOptions.TRANSPORT_PORT_OFFSET + i);
    }
    ElasticsearchCluster cluster = new ElasticsearchCluster();
    try {
      for (int i = 1; i <= count; i++) {
        // Every node starts at once on the same cores: each gets the time N would take alone.
        ElasticsearchOptions node = template.withHttpPort(template.httpPort() + i - 1)
            .withStartupTimeout(template.startupTimeout().multipliedBy(count))
            .withTransportPort(transportPorts.get(i - 1)).withBaseDir(nodeDir(baseDir, i));
        if (!Ports.isFree(node.transportPort())) {
          throw new PortTakenException("Elasticsearch's transport", node.transportPort());
        }
        ElasticsearchDiscovery discovery = count == 1 ? ElasticsearchDiscovery.singleNode()
            : ElasticsearchDiscovery.member(i, transportPorts);
        cluster.nodes.add(() -> new ElasticsearchLauncher(node, discovery, notices));
      }
      cluster.nodes.spawnAll();
      cluster.nodes.awaitAll();
      try (ElasticsearchConnection connection = ElasticsearchClients.create(cluster.access())) {
        if (count > 1) {
          ElasticsearchFormation formed = ElasticsearchFormation.await(
              () -> cluster.readFormation(connection), count, template.startupTimeout());
          notices.println("radar: Elasticsearch cluster of " + count + " nodes "
              + formed.health() + ", " + formed.describeVoting());
        }
        cluster.templates = new TemplateInstaller(connection.client()).installAll(ingest);
      }
      return cluster;
    } catch (TemplateException e) {
      PlatformException failure = new PlatformException(e.getMessage(), e);
      Shutdown.afterFailedStart(cluster, failure);
      throw failure;
    } catch (RuntimeException e) {
      Shutdown.afterFailedStart(cluster, e);
      throw e;
    }
  }

  /** The formation as the master sees it; refused at once when a node's process has exited. */
  private ElasticsearchFormation readFormation(ElasticsearchConnection connection)
      throws java.io.IOException {
    for (ElasticsearchLauncher node : nodes.all()) {
      ServerProcess process = node.process();
      if (!process.isAlive()) {
        throw new PlatformException(process.name() + " exited while the cluster formed\n"
            + process.logTail());
      }
    }
    return ElasticsearchFormation.read(connection.restClient());
  }

  /** Every node's URL, node 1 first: what the sink's {@code elasticsearch.hosts} takes. */
  public List<String> urls() {
    return nodes.all().stream().map(ElasticsearchLauncher::url).toList();
  }

  /** A client spreading requests over every node. */
  public ElasticsearchAccess access() {
    return ElasticsearchAccess.plain(urls());
  }

  /** Node {@code index} (1-based), as last started. */
  public ElasticsearchLauncher node(int index) {
    return nodes.get(index);
  }

  public List<ElasticsearchLauncher> nodes() {
    return nodes.all();
  }

  /**
   * Starts node {@code index} again on its own data, ports and name (after it was killed or
   * stopped) and returns once it answers health yellow or green; it rejoins the cluster, which
   * then copies back the replicas it lacks. The templates stay as installed.
   */
  public ElasticsearchLauncher restart(int index) {
    return nodes.restart(index);
  }

  public List<TemplateOutcome> templates() {
    return templates;
  }

  /** What runs where, one line per node. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    List<ElasticsearchLauncher> all = nodes.all();
    for (int i = 1; i <= all.size(); i++) {
      ElasticsearchLauncher node = all.get(i - 1);
      lines.add(String.format("Elasticsearch node %d  %s  pid %d  transport port %d  data %s", i,
          node.url(), node.process().pid(), node.transportPort(), node.layout().data()));
    }
    return lines;
  }

  /** Stops every node still running (last first); each removes its state file. */
  @Override
  public void close() {
    nodes.closeLastFirst();
  }
}
