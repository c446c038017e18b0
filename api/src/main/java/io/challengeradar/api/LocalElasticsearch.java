package io.challengeradar.api;

import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.infra.ElasticsearchOptions;
import io.challengeradar.infra.ElasticsearchSecurity;
import io.challengeradar.infra.StateFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the local platform's running Elasticsearch the way {@code radar status} does: from the
 * state file a live server left in the radar home, first {@code radar up}'s, then the demo's.
 */
public final class LocalElasticsearch {

  private LocalElasticsearch() {}

  /** The state files looked at, in order. */
  public static List<Path> stateFiles(Path radarHome) {
    return List.of(
        radarHome.resolve(ElasticsearchOptions.DIR_NAME).resolve(StateFile.FILE_NAME),
        radarHome.resolve("demo").resolve(ElasticsearchOptions.DIR_NAME)
            .resolve(StateFile.FILE_NAME));
  }

  /**
   * How to reach the first recorded server whose process still runs: plain, or for a secured one
   * ({@code radar up --secure}) with the CA and credentials it keeps beside its state file.
   */
  public static Optional<ElasticsearchAccess> findAccess(Path radarHome) {
    for (Path file : stateFiles(radarHome)) {
      Optional<StateFile> state = StateFile.read(file);
      if (state.isPresent() && state.get().liveProcess().isPresent()) {
        String url = state.get().endpoint();
        ElasticsearchSecurity security = ElasticsearchSecurity.under(file.getParent());
        return Optional.of(url.startsWith("https:") && security.exists()
            ? security.access(url) : ElasticsearchAccess.plain(url));
      }
    }
    return Optional.empty();
  }
}
