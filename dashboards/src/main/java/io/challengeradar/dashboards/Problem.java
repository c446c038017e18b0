package io.challengeradar.dashboards;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a check found wrong with one saved object.
 *
 * @param objectId the saved object's id (a dashboard's, for a problem in one of its panels)
 * @param where the panel or part of the object, empty for the object as a whole
 * @param reason what is wrong, in words
 */
public record Problem(String objectId, String where, String reason) {

  @Override
  public String toString() {
    return objectId + (where.isEmpty() ? "" : " [" + where + "]") + ": " + reason;
  }

  /** Fails with every problem, one a line, when there is any. */
  public static void failOn(String check, List<Problem> problems) {
    if (!problems.isEmpty()) {
      throw new DashboardException(check + " found " + problems.size() + " problem(s):\n  "
          + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
    }
  }
}
