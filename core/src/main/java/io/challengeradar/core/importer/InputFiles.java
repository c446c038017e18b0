package io.challengeradar.core.importer;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Resolves {@code --in}: a file is taken as it is; a folder gives its matching files, sorted. */
final class InputFiles {
  private InputFiles() {}

  /**
   * @param glob file-name pattern for folder input (e.g. {@code *_vids*.csv})
   * @param format the format's name, for messages
   */
  static List<Path> list(Path in, String glob, String format) throws IOException {
    if (!Files.exists(in)) {
      throw new ImportException("input not found: " + in);
    }
    if (!Files.isDirectory(in)) {
      if (!Files.isReadable(in)) {
        throw new ImportException("input is not readable: " + in);
      }
      return List.of(in);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(in)) {
      files = walk.filter(Files::isRegularFile)
          .filter(p -> matcher.matches(p.getFileName()))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    }
    if (files.isEmpty()) {
      throw new ImportException("no " + format + " files (named " + glob + ") under " + in);
    }
    return files;
  }
}
