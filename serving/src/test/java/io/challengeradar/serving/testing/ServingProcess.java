package io.challengeradar.serving.testing;

import io.challengeradar.config.Config;
import io.challengeradar.serving.ServingNode;
import io.challengeradar.serving.ServingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A serving node as a process of its own, for tests that need its JVM apart (a small heap, a
 * crash that must not take the test with it). Arguments: the file to write the port to, the
 * project root folders resolve against, then {@code key=value} settings; secrets come from the
 * {@code RADAR_*} environment, as in production. Runs until killed.
 */
public final class ServingProcess {

  private ServingProcess() {}

  public static void main(String[] args) throws Exception {
    Path portFile = Path.of(args[0]);
    Path root = Path.of(args[1]);
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    Config config = Config.loader(ServingSettings.GROUP).environment(System.getenv())
        .set(settings).load();
    ServingNode node = ServingNode.start(ServingNode.Options.from(config, root));
    Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(tmp, Integer.toString(node.port()));
    Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join();
  }
}
