package io.challengeradar.training.task;

/** One of the trainable tasks: builds its data, trains, evaluates, reports and registers. */
public interface TrainingTask {

  /** The task's name on the command line and its model's name in the store. */
  String name();

  TaskResult run(TaskContext context) throws Exception;
}
