package io.challengeradar.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * The data a local cluster of N nodes left under its base folder. A cluster's nodes remember one
 * another (Elasticsearch its voting configuration, KRaft its voters and cluster id), so a start
 * with another node count over old data would hang or be refused half-way: it is refused first.
 */
final class ClusterFolders {
  private ClusterFolders() {}

  /**
   * Fails when some node folders under {@code baseDir} hold data (as {@code hasData} tells for
   * node i) and the set is not exactly nodes 1..{@code count}.
   *
   * @param what the servers, for the message ("Elasticsearch nodes")
   * @param flag the flag that sets the count, for the message
   */
  static void requireSameSize(Path baseDir, int count, IntFunction<Path> nodeDir,
      java.util.function.Predicate<Path> hasData, String what, String flag) {
    List<Integer> withData = nodesWithData(baseDir, count, nodeDir, hasData);
    boolean none = withData.isEmpty();
    boolean all = withData.size() == count && withData.get(withData.size() - 1) == count;
    if (!none && !all) {
      throw new PlatformException(baseDir + " holds the data of " + withData.size() + " " + what
          + " (" + withData + "), not of " + count + "; start with " + flag + " "
          + withData.size() + ", or delete " + baseDir + " to start afresh");
    }
  }

  /**
   * The numbers of the node folders under {@code baseDir} that hold data, looking at least at
   * 1..{@code count}.
   */
  static List<Integer> nodesWithData(Path baseDir, int count, IntFunction<Path> nodeDir,
      java.util.function.Predicate<Path> hasData) {
    List<Integer> withData = new ArrayList<>();
    for (int i = 1; i <= Math.max(count, existing(baseDir)); i++) {
      if (hasData.test(nodeDir.apply(i))) {
        withData.add(i);
      }
    }
    return withData;
  }

  private static int existing(Path baseDir) {
    if (!Files.isDirectory(baseDir)) {
      return 0;
    }
    try (Stream<Path> dirs = Files.list(baseDir)) {
      return (int) dirs.filter(Files::isDirectory).count();
    } catch (IOException e) {
      throw new PlatformException("cannot list " + baseDir + ": " + e.getMessage(), e);
    }
  }

  /** True when {@code dir} exists and holds at least one entry. */
  static boolean nonEmpty(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new PlatformException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
