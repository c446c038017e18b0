package io.challengeradar.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The service behind {@code radar dashboards}: the shipped saved objects, checked, as one
 * importable NDJSON, written to a file or imported into Kibana.
 */
public final class Dashboards {
  private Dashboards() {}

  /**
   * The shipped objects as Kibana imports them, after the static check and the field check
   * against the contract's templates.
   *
   * @throws DashboardException naming every problem
   */
  public static String bundle() {
    SourceSet shipped = SourceSet.shipped();
    Problem.failOn("the static check", StaticCheck.check(shipped));
    Problem.failOn("the field check against the contract's templates",
        FieldCheck.check(FieldUses.of(shipped), ContractFields.all()));
    return SavedObjects.ndjson(shipped);
  }

  /** How many saved objects {@link #bundle} holds. */
  public static int count(String ndjson) {
    return (int) ndjson.lines().filter(l -> !l.isBlank()).count();
  }

  /** Writes {@link #bundle} to {@code out}; returns the objects written. */
  public static int export(Path out) throws IOException {
    String ndjson = bundle();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, ndjson, StandardCharsets.UTF_8);
    return count(ndjson);
  }

  /** Imports {@link #bundle} into the Kibana {@code settings} name; every object's outcome. */
  public static List<KibanaInstaller.Outcome> install(KibanaSettings settings) {
    String ndjson = bundle();
    return new KibanaInstaller(settings).install(ndjson, count(ndjson));
  }
}
