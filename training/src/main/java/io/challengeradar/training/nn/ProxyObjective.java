package io.challengeradar.training.nn;

/**
 * One proxy task: classify each example (a video's frozen text vector) into one of {@code classes}
 * labels, e.g. "which challenge is this video from" or "which user posted it".
 *
 * @param name for logs and reports
 * @param inputs one frozen vector per example, all of the same length
 * @param labels the class of each example, in {@code [0, classes)}
 * @param classes number of classes
 */
public record ProxyObjective(String name, float[][] inputs, int[] labels, int classes) {

  public ProxyObjective {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must be set");
    }
    if (inputs.length != labels.length) {
      throw new IllegalArgumentException(
          name + ": inputs has " + inputs.length + " rows but labels has " + labels.length);
    }
    if (classes < 2) {
      throw new IllegalArgumentException(name + ": classes must be at least 2, was " + classes);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            name + ": label " + labels[i] + " of example " + i + " is outside [0, " + classes + ")");
      }
    }
  }

  public int size() {
    return labels.length;
  }
}
