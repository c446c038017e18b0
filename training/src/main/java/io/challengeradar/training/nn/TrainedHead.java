package io.challengeradar.training.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.serving.model.MlpHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained head in the serving tier's form: dense layers taking raw (unstandardised) inputs. Its
 * {@link #score} does the same arithmetic as the serving tier's {@link MlpHead}, so offline
 * evaluation and served probabilities agree.
 *
 * @param layers first to last; the last has one unit
 * @param objective what the output means
 * @param history one entry per epoch trained
 * @param bestEpoch the epoch whose weights these are (best validation loss)
 * @param validationScores outputs on the validation rows (carved from the training rows)
 * @param validationTargets their labels or targets
 */
public record TrainedHead(
    List<Layer> layers,
    Objective objective,
    List<EpochStats> history,
    int bestEpoch,
    float[] validationScores,
    float[] validationTargets) {

  public int inputDim() {
    return layers.get(0).inputs();
  }

  /** The head's output for one raw input row, computed exactly as {@link MlpHead#score} does. */
  public float score(float[] input) {
    if (input.length != inputDim()) {
      throw new IllegalArgumentException(
          "input must have " + inputDim() + " values, has " + input.length);
    }
    float[] x = input;
    for (Layer l : layers) {
      x = l.apply(x);
    }
    return x[0];
  }

  public float[] scores(float[][] rows) {
    float[] out = new float[rows.length];
    for (int r = 0; r < rows.length; r++) {
      out[r] = score(rows[r]);
    }
    return out;
  }

  /** Writes {@code head.json} in the format {@link MlpHead#read} accepts. */
  public void write(Path file) throws IOException {
    List<MlpHead.Layer> out = new ArrayList<>();
    for (Layer l : layers) {
      out.add(new MlpHead.Layer(l.weights(), l.bias(), l.activation()));
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    new ObjectMapper().writeValue(tmp.toFile(), new MlpHead.Weights(inputDim(), out));
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
