package io.challengeradar.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether an unrelated unprivileged user can reach a folder: every existing ancestor must grant
 * "others" execute. A project cloned under a 0700 home (e.g. /root) fails this, and then the
 * server's files must be staged somewhere the service user can reach.
 */
public final class Traversal {
  private Traversal() {}

  /**
   * The first existing ancestor of {@code target} (from the root down, target included) that an
   * unrelated user cannot pass, or empty when all can be passed. {@code attributes} returns null for
   * paths that do not exist yet (they will be created, by us, traversable).
   */
  public static Optional<Path> firstBlocked(
      Path target, Function<Path, PosixFileAttributes> attributes) {
    Path absolute = target.toAbsolutePath().normalize();
    Path current = absolute.getRoot();
    for (int i = -1; i < absolute.getNameCount(); i++) {
      if (i >= 0) {
        current = current.resolve(absolute.getName(i));
      }
      PosixFileAttributes attrs = attributes.apply(current);
      if (attrs == null) {
        return Optional.empty();
      }
      if (attrs.isDirectory() && !attrs.permissions().contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return Optional.of(current);
      }
    }
    return Optional.empty();
  }

  /** {@link #firstBlocked} on the real file system (symbolic links followed). */
  public static Optional<Path> firstBlocked(Path target) {
    return firstBlocked(target, Traversal::readAttributes);
  }

  private static PosixFileAttributes readAttributes(Path path) {
    try {
      return Files.readAttributes(path, PosixFileAttributes.class);
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    } catch (IOException | UnsupportedOperationException e) {
      throw new PlatformException("cannot read the permissions of " + path + ": " + e, e);
    }
  }
}
