package io.challengeradar.app;

import java.nio.file.Path;

/** Where the project is: {@code RADAR_PROJECT_ROOT} (set by ./radar), else the working folder. */
public final class ProjectPaths {

  private ProjectPaths() {}

  public static Path root() {
    String root = System.getenv("RADAR_PROJECT_ROOT");
    return (root == null || root.isBlank() ? Path.of("") : Path.of(root)).toAbsolutePath();
  }
}
