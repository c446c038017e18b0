package io.challengeradar.infra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the server's files go. Normally everything lives in the project-local base folder; when
 * the server runs as a dropped user who cannot pass some parent folder of it (a project under a
 * 0700 /root, say), home, data and logs are staged under the staging root instead, in a folder
 * named for the project and port so the next start finds the same data. The state file always
 * stays in the base folder, where {@code radar status} and {@code radar down} look for it.
 *
 * @param home the server's own copy of the distribution (it writes its keystore into config/)
 * @param data path.data
 * @param logs path.logs, and the console log
 * @param tmp ES_TMPDIR
 * @param stateFile the pid/state file
 * @param stagedBecause the folder the service user could not pass, when staged
 */
public record ElasticsearchLayout(
    Path home, Path data, Path logs, Path tmp, Path stateFile, Optional<Path> stagedBecause) {

  /** The console log (stdout and stderr of the server's launcher). */
  public Path consoleLog() {
    return logs.resolve("console.log");
  }

  /** The server's main log file (named after the cluster). */
  public Path serverLog() {
    return logs.resolve(ElasticsearchSettings.CLUSTER_NAME + ".log");
  }

  public Path config() {
    return home.resolve("config");
  }

  /** The folder holding home, data, logs and tmp. */
  public Path root() {
    return data.getParent();
  }

  /**
   * Plans the layout. {@code blocked} tells the first folder an unrelated user cannot pass on the
   * way to a path (see {@link Traversal}); it is consulted only when privileges are dropped.
   */
  public static ElasticsearchLayout plan(
      ElasticsearchOptions options, RunAs runAs, Function<Path, Optional<Path>> blocked) {
    Path base = options.baseDir().toAbsolutePath().normalize();
    Optional<Path> stagedBecause = runAs.drops() ? blocked.apply(base) : Optional.empty();
    Path root = stagedBecause.isPresent() ? stagingFolder(options) : base;
    String homeName = options.distribution().getFileName().toString();
    return new ElasticsearchLayout(
        root.resolve(homeName), root.resolve("data"), root.resolve("logs"), root.resolve("tmp"),
        base.resolve(StateFile.FILE_NAME), stagedBecause);
  }

  /** A folder under the staging root named for the project (by its base folder) and the port. */
  static Path stagingFolder(ElasticsearchOptions options) {
    Path base = options.baseDir().toAbsolutePath().normalize();
    // The project folder is the base folder's grandparent by default (<project>/.radar/<server>).
    Path project = base.getParent() != null && base.getParent().getParent() != null
        ? base.getParent().getParent() : base;
    String name = project.getFileName() == null ? "root" : project.getFileName().toString();
    name = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return options.stagingRoot().toAbsolutePath().normalize()
        .resolve("radar-" + name + "-" + shortHash(base.toString()) + "-es" + options.httpPort());
  }

  private static String shortHash(String text) {
    // Stable across JVMs and runs (String.hashCode is specified), enough to keep two checkouts of
    // the same project name apart.
    int h = 0;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + (b & 0xff);
    }
    return String.format("%08x", h);
  }
}
