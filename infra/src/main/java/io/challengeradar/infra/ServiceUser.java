package io.challengeradar.infra;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** The dedicated unprivileged user a root caller runs servers as: created on demand, given files. */
public final class ServiceUser {
  /** The default service user's name. */
  public static final String DEFAULT_NAME = "radar";

  private ServiceUser() {}

  /** True when a user named {@code name} exists on this machine. */
  public static boolean exists(String name) {
    RunAs.checkUserName(name);
    return Commands.run(List.of("id", "-u", name)).exitCode() == 0;
  }

  /**
   * Makes sure {@code name} exists, creating it as a system user with its own group, no home and
   * no login shell when it is missing, and saying so on {@code notices}.
   */
  public static void ensureExists(String name, PrintStream notices) {
    if (exists(name)) {
      return;
    }
    notices.println(
        "radar: creating system user '" + name + "' (no login, no home) to run servers as,"
            + " because they refuse to run as root");
    Commands.runOrFail(
        List.of(
            "useradd", "--system", "--user-group", "--no-create-home",
            "--shell", "/usr/sbin/nologin", name));
  }

  /** Gives {@code name} (and its group) ownership of every file under each path. */
  public static void chown(String name, List<Path> paths) {
    RunAs.checkUserName(name);
    List<String> command = new java.util.ArrayList<>(List.of("chown", "-R", name + ":" + name));
    for (Path path : paths) {
      command.add(path.toAbsolutePath().toString());
    }
    Commands.runOrFail(command);
  }
}
