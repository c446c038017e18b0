package io.challengeradar.training.nn;

/**
 * One dense layer as the serving tier's {@code head.json} stores it: one weight row per output unit.
 */
public record Layer(float[][] weights, float[] bias, String activation) {

  public Layer {
    if (weights.length != bias.length) {
      throw new IllegalArgumentException(
          "weights has " + weights.length + " rows but bias has " + bias.length + " values");
    }
  }

  public int inputs() {
    return weights.length == 0 ? 0 : weights[0].length;
  }

  public int outputs() {
    return bias.length;
  }
}
