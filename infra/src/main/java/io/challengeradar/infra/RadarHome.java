package io.challengeradar.infra;

import java.nio.file.Path;

/**
 * Finds the project-local folder (.radar) where the platform keeps its servers' files: the system
 * property {@value #PROPERTY} (set by failsafe for tests), else .radar under the project root the
 * {@code ./radar} script exports as {@value #ROOT_ENV}, else .radar in the working directory.
 */
public final class RadarHome {
  public static final String PROPERTY = "radar.home";
  public static final String ROOT_ENV = "RADAR_PROJECT_ROOT";
  public static final String DIR_NAME = ".radar";

  private RadarHome() {}

  public static Path resolve() {
    String home = System.getProperty(PROPERTY);
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    return projectRoot().resolve(DIR_NAME);
  }

  /** The project's root folder: {@value #ROOT_ENV} when set (./radar sets it), else the working folder. */
  public static Path projectRoot() {
    String root = System.getenv(ROOT_ENV);
    Path base = root != null && !root.isBlank() ? Path.of(root) : Path.of("");
    return base.toAbsolutePath().normalize();
  }
}
