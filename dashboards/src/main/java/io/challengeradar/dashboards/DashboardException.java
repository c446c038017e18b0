package io.challengeradar.dashboards;

/** The dashboards' sources cannot be read or encoded, or a check found problems. */
public class DashboardException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DashboardException(String message) {
    super(message);
  }

  public DashboardException(String message, Throwable cause) {
    super(message, cause);
  }
}
