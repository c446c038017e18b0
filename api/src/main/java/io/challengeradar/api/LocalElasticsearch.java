package io.challengeradar.api;

import io.challengeradar.infra.ElasticsearchOptions;
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

  /** The URL of the first recorded server whose process still runs. */
  public static Optional<String> find(Path radarHome) {
    for (Path file : stateFiles(radarHome)) {
      Optional<StateFile> state = StateFile.read(file);
      if (state.isPresent() && state.get().liveProcess().isPresent()) {
        return Optional.of(state.get().endpoint());
      }
    }
    return Optional.empty();
  }
}
