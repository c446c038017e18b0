package io.challengeradar.serving;

/** No model of that name exists in the store. */
public final class UnknownModelException extends ServingException {

  private final String model;

  public UnknownModelException(String model) {
    super("unknown_model", "unknown model: " + model, null);
    this.model = model;
  }

  public String model() {
    return model;
  }
}
