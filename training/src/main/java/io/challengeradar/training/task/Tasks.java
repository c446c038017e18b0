package io.challengeradar.training.task;

import java.util.List;

/** The tasks by name. */
public final class Tasks {

  public static final List<String> NAMES = List.of("participation", "virality", "claims");

  private Tasks() {}

  public static TrainingTask named(String name) {
    switch (name) {
      case "claims":
        return new ClaimsTask();
      case "virality":
        return new ViralityTask();
      case "participation":
        return new ParticipationTask();
      default:
        throw new IllegalArgumentException("task must be one of " + NAMES + ", was '" + name + "'");
    }
  }
}
