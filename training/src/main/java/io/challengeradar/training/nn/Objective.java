package io.challengeradar.training.nn;

/** What a head learns: a probability (sigmoid output, log loss) or a number (squared error). */
public enum Objective {
  BINARY("sigmoid"),
  REGRESSION("none");

  private final String outputActivation;

  Objective(String outputActivation) {
    this.outputActivation = outputActivation;
  }

  /** The activation of the last layer in the exported head. */
  public String outputActivation() {
    return outputActivation;
  }
}
