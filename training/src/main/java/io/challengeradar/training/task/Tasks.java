package io.challengeradar.training.task;

import java.util.List;

/** The tasks by name. */
public final class Tasks {

  public static final List<String> NAMES = List.of("participation", "virality", "claims");

  private Tasks() {}

  public static TrainingTask named(String name) {
    return named(name, false);
  }

  /** @param proxy train participation's proxy stage too (slower; its figures go to the report only) */
  public static TrainingTask named(String name, boolean proxy) {
    if (proxy && !ParticipationTask.NAME.equals(name)) {
      throw new IllegalArgumentException("--proxy applies to participation only, not to '" + name + "'");
    }
    switch (name) {
      case "claims":
        return new ClaimsTask();
      case "virality":
        return new ViralityTask();
      case "participation":
        return new ParticipationTask(proxy);
      default:
        throw new IllegalArgumentException("task must be one of " + NAMES + ", was '" + name + "'");
    }
  }
}
