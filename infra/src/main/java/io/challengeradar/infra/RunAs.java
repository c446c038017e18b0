package io.challengeradar.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which user a server process runs as. Elasticsearch refuses to run as root, and CI runs as root,
 * so a root caller drops to a dedicated unprivileged user; anyone else runs it as themselves.
 */
public final class RunAs {
  private final String user;

  private RunAs(String user) {
    this.user = user;
  }

  /** Run as whoever runs this JVM. */
  public static RunAs currentUser() {
    return new RunAs(null);
  }

  /** Run as {@code user} (by name), switched to with setpriv. */
  public static RunAs dropTo(String user) {
    checkUserName(user);
    return new RunAs(user);
  }

  /** The decision itself: root drops to {@code serviceUser}, every other uid stays as it is. */
  public static RunAs decide(long currentUid, String serviceUser) {
    return currentUid == 0 ? dropTo(serviceUser) : currentUser();
  }

  /** {@link #decide} for this JVM's own uid. */
  public static RunAs forThisProcess(String serviceUser) {
    return decide(currentUid(), serviceUser);
  }

  /** The uid of this JVM, read from /proc (Linux), or -1 when it cannot be told. */
  public static long currentUid() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }

  public boolean drops() {
    return user != null;
  }

  /** The user switched to, when this drops privileges. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /**
   * What to put in front of a command so it runs as this user: nothing, or setpriv switching uid,
   * gid and supplementary groups (the service user's own group has the user's name).
   */
  public List<String> commandPrefix() {
    if (user == null) {
      return List.of();
    }
    return List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups");
  }

  static String checkUserName(String user) {
    Objects.requireNonNull(user, "serviceUser");
    if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
      throw new IllegalArgumentException(
          "serviceUser must be a plain user name ([a-z_][a-z0-9_-]*, at most 32), got '" + user
              + "'");
    }
    return user;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RunAs other && Objects.equals(user, other.user);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(user);
  }

  @Override
  public String toString() {
    return user == null ? "current user" : "user " + user;
  }
}
