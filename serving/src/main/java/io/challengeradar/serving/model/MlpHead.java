package io.challengeradar.serving.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.engine.BatchPredictor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fully connected scoring head (participation or virality) whose weights a training job
 * writes as {@code head.json}:
 *
 * <pre>{@code
 * {"inputDim": 768,
 *  "layers": [{"weights": [[...], ...], "bias": [...], "activation": "relu"},
 *             {"weights": [[...]], "bias": [0.1], "activation": "sigmoid"}]}
 * }</pre>
 *
 * Each layer's {@code weights} has one row per output unit and one column per input; activations
 * are {@code relu}, {@code sigmoid}, {@code tanh} or {@code none}. The last layer must have one
 * unit; its output is the score (a probability when the activation is sigmoid).
 */
public final class MlpHead {

  public static final String FILE = "head.json";

  /** One layer of the file; public for Jackson. */
  public record Layer(float[][] weights, float[] bias, String activation) {}

  /** The file's content; public for Jackson. */
  public record Weights(int inputDim, List<Layer> layers) {}

  private final Weights weights;

  private MlpHead(Weights weights) {
    this.weights = weights;
  }

  public static MlpHead read(Path file) throws IOException {
    Weights w =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readValue(file.toFile(), Weights.class);
    if (w.layers() == null || w.layers().isEmpty()) {
      throw new IOException(file + ": layers must not be empty");
    }
    int in = w.inputDim();
    for (int i = 0; i < w.layers().size(); i++) {
      Layer l = w.layers().get(i);
      if (l.weights() == null || l.bias() == null || l.weights().length != l.bias().length) {
        throw new IOException(file + ": layers[" + i + "] needs as many bias values as weight rows");
      }
      for (float[] row : l.weights()) {
        if (row.length != in) {
          throw new IOException(
              file + ": layers[" + i + "] rows must have " + in + " columns, one has " + row.length);
        }
      }
      if (!List.of("relu", "sigmoid", "tanh", "none").contains(String.valueOf(l.activation()))) {
        throw new IOException(file + ": layers[" + i + "].activation is not relu, sigmoid, tanh or none");
      }
      in = l.bias().length;
    }
    if (in != 1) {
      throw new IOException(file + ": the last layer must have exactly one unit, has " + in);
    }
    return new MlpHead(w);
  }

  public int inputDim() {
    return weights.inputDim();
  }

  public BatchPredictor<float[], Float> predictor() {
    return batch -> {
      List<Float> out = new ArrayList<>(batch.size());
      for (float[] x : batch) {
        out.add(score(x));
      }
      return out;
    };
  }

  /**
   * Two heads of one model version: each item goes to the head whose input size it has ({@code
   * head} for items that carry the extra features, {@code fallback} for the rest).
   */
  public static BatchPredictor<float[], Float> pair(MlpHead head, MlpHead fallback) {
    return batch -> {
      List<Float> out = new ArrayList<>(batch.size());
      for (float[] x : batch) {
        out.add(x.length == head.inputDim() ? head.score(x) : fallback.score(x));
      }
      return out;
    };
  }

  public float score(float[] input) {
    if (input.length != weights.inputDim()) {
      throw new BadInputException(
          "input", "expected " + weights.inputDim() + " values, got " + input.length);
    }
    float[] x = input;
    for (Layer l : weights.layers()) {
      float[] y = new float[l.bias().length];
      for (int o = 0; o < y.length; o++) {
        double s = l.bias()[o];
        float[] row = l.weights()[o];
        for (int i = 0; i < x.length; i++) {
          s += row[i] * x[i];
        }
        y[o] = (float) activate(l.activation(), s);
      }
      x = y;
    }
    return x[0];
  }

  private static double activate(String activation, double v) {
    switch (activation) {
      case "relu":
        return Math.max(0, v);
      case "sigmoid":
        return 1 / (1 + Math.exp(-v));
      case "tanh":
        return Math.tanh(v);
      default:
        return v;
    }
  }
}
