package io.challengeradar.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunAsTest {
  private static final Path BASE = Path.of("/root/src/project/.radar/elasticsearch");

  @Test
  void rootDropsToTheServiceUserWithSetpriv() {
    RunAs runAs = RunAs.decide(0, "radar");

    assertThat(runAs.drops()).isTrue();
    assertThat(runAs.commandPrefix())
        .containsExactly("setpriv", "--reuid=radar", "--regid=radar", "--init-groups");
  }

  @Test
  void anyOtherUserRunsServersAsItself() {
    RunAs runAs = RunAs.decide(1000, "radar");

    assertThat(runAs.drops()).isFalse();
    assertThat(runAs.commandPrefix()).isEmpty();
  }

  @Test
  void rejectsAServiceUserNameThatCouldInjectOptions() {
    assertThatThrownBy(() -> RunAs.dropTo("--help"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("serviceUser");
  }

  @Test
  void findsTheFirstFolderOthersCannotPass() {
    Map<Path, PosixFileAttributes> tree = Map.of(
        Path.of("/"), dir("rwxr-xr-x"),
        Path.of("/root"), dir("rwx------"),
        Path.of("/root/src"), dir("rwxr-xr-x"));

    assertThat(Traversal.firstBlocked(BASE, tree::get)).contains(Path.of("/root"));
  }

  @Test
  void passesWhenEveryExistingFolderGrantsOthersExecute() {
    Map<Path, PosixFileAttributes> tree = Map.of(
        Path.of("/"), dir("rwxr-xr-x"),
        Path.of("/root"), dir("rwx--x--x"));

    assertThat(Traversal.firstBlocked(BASE, tree::get)).isEmpty();
  }

  @Test
  void keepsEverythingInTheProjectWhenNotDropping() {
    ElasticsearchOptions options = options();

    ElasticsearchLayout layout =
        ElasticsearchLayout.plan(options, RunAs.currentUser(), path -> Optional.of(Path.of("/root")));

    assertThat(layout.stagedBecause()).isEmpty();
    assertThat(layout.data()).isEqualTo(BASE.resolve("data"));
    assertThat(layout.home()).isEqualTo(BASE.resolve("elasticsearch-8.19.21"));
  }

  @Test
  void stagesHomeDataAndLogsWhenTheServiceUserCannotReachTheProject() {
    ElasticsearchOptions options = options();

    ElasticsearchLayout layout =
        ElasticsearchLayout.plan(options, RunAs.dropTo("radar"), path -> Optional.of(Path.of("/root")));

    assertThat(layout.stagedBecause()).contains(Path.of("/root"));
    assertThat(layout.root().getParent()).isEqualTo(Path.of("/var/tmp"));
    assertThat(layout.root().getFileName().toString()).startsWith("radar-project-").endsWith("-es19200");
    assertThat(layout.data()).isEqualTo(layout.root().resolve("data"));
    // The state file stays where status and down look for it.
    assertThat(layout.stateFile()).isEqualTo(BASE.resolve("state.properties"));
    // The same project and port stage into the same folder, so data survives a restart.
    assertThat(ElasticsearchLayout.plan(options, RunAs.dropTo("radar"),
        path -> Optional.of(Path.of("/root"))).root()).isEqualTo(layout.root());
  }

  @Test
  void doesNotStageWhenTheServiceUserCanReachTheProject() {
    ElasticsearchLayout layout =
        ElasticsearchLayout.plan(options(), RunAs.dropTo("radar"), path -> Optional.empty());

    assertThat(layout.stagedBecause()).isEmpty();
    assertThat(layout.root()).isEqualTo(BASE);
  }

  private static ElasticsearchOptions options() {
    return ElasticsearchOptions.from(PlatformSettings.defaults()
        .with(PlatformSettings.ES_PORT, 19200, "test")
        .with(PlatformSettings.ES_STAGING_ROOT, "/var/tmp", "test"),
        BASE.getParent(), Path.of("/build/elasticsearch-8.19.21"));
  }

  private static PosixFileAttributes dir(String permissions) {
    Set<PosixFilePermission> perms = PosixFilePermissions.fromString(permissions);
    return new PosixFileAttributes() {
      @Override public UserPrincipal owner() { return null; }
      @Override public GroupPrincipal group() { return null; }
      @Override public Set<PosixFilePermission> permissions() { return perms; }
      @Override public FileTime lastModifiedTime() { return null; }
      @Override public FileTime lastAccessTime() { return null; }
      @Override public FileTime creationTime() { return null; }
      @Override public boolean isRegularFile() { return false; }
      @Override public boolean isDirectory() { return true; }
      @Override public boolean isSymbolicLink() { return false; }
      @Override public boolean isOther() { return false; }
      @Override public long size() { return 0; }
      @Override public Object fileKey() { return null; }
    };
  }
}
