package io.challengeradar.training.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.challengeradar.serving.model.DeviceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a feed-forward head (input, optional hidden ReLU layer with dropout, one output) with
 * DJL's training API on the PyTorch engine.
 *
 * <p>Reproducible: the engine's seed fixes initialisation and dropout, and the batch order comes
 * from a {@link Random} seeded per epoch rather than from DJL's samplers. Early stopping watches
 * the loss on a validation share carved from the training rows only; the weights of the best epoch
 * are kept.
 *
 * <p>Over 300 lines: the training loop and the small array helpers that it alone uses.
 */
public final class HeadTrainer {

  public static final String ENGINE = "PyTorch";
  public static final double MIN_GAIN = 1e-4;

  private final TrainingOptions options;
  private final Consumer<EpochStats> onEpoch;

  /** @param onEpoch called after each epoch (progress lines); may be null */
  public HeadTrainer(TrainingOptions options, Consumer<EpochStats> onEpoch) {
    if (options == null) {
      throw new IllegalArgumentException("options must be set");
    }
    this.options = options;
    this.onEpoch = onEpoch == null ? e -> {} : onEpoch;
  }

  public TrainingOptions options() {
    return options;
  }

  /**
   * @param x training rows (raw features; standardisation is learned here and folded into the head)
   * @param y labels 0/1 for {@link Objective#BINARY}, targets for {@link Objective#REGRESSION}
   */
  public TrainedHead train(float[][] x, float[] y, Objective objective) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x has " + x.length + " rows but y has " + y.length);
    }
    if (x.length < 10) {
      throw new IllegalArgumentException("need at least 10 training rows, got " + x.length);
    }
    int[][] parts = holdOut(y, objective);
    float[][] fitX = pick(x, parts[0]);
    float[] fitY = pick(y, parts[0]);
    float[][] valX = pick(x, parts[1]);
    float[] valY = pick(y, parts[1]);
    Standardizer standardizer = Standardizer.fit(fitX);
    float[][] fitZ = standardizer.apply(fitX);
    float[][] valZ = standardizer.apply(valX);
    // Regression targets are z-scored too (log views sit near 11), and unscaled in the last layer.
    double yMean = 0;
    double yScale = 1;
    if (objective == Objective.REGRESSION) {
      Standardizer ys = Standardizer.fit(column(fitY));
      yMean = ys.meanOf(0);
      yScale = ys.scaleOf(0);
      fitY = scale(fitY, yMean, yScale);
      valY = scale(valY, yMean, yScale);
    }
    int dim = x[0].length;

    Engine engine = Engine.getEngine(ENGINE);
    engine.setRandomSeed((int) options.seed());
    Device device = DeviceSpec.parse(options.device()).resolve(engine, "training");
    List<Linear> linears = new ArrayList<>();
    SequentialBlock block = new SequentialBlock();
    if (options.hidden() > 0) {
      Linear hidden = Linear.builder().setUnits(options.hidden()).build();
      linears.add(hidden);
      block.add(hidden).add(Activation.reluBlock());
      if (options.dropout() > 0) {
        block.add(Dropout.builder().optRate(options.dropout()).build());
      }
    }
    Linear out = Linear.builder().setUnits(1).build();
    linears.add(out);
    block.add(out);
    Loss loss =
        objective == Objective.BINARY ? Loss.sigmoidBinaryCrossEntropyLoss() : Loss.l2Loss();
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(loss)
            .optOptimizer(
                Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(options.learningRate()))
                    .build())
            .optDevices(new Device[] {device});

    List<EpochStats> history = new ArrayList<>();
    List<Layer> best = null;
    float[] bestVal = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    try (Model model = Model.newInstance("head", device, ENGINE)) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, dim));
        int[] order = new int[fitZ.length];
        for (int i = 0; i < order.length; i++) {
          order[i] = i;
        }
        int sinceBest = 0;
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
          shuffle(order, new Random(options.seed() * 31 + epoch));
          double sum = 0;
          int batches = 0;
          for (int from = 0; from < order.length; from += options.batchSize()) {
            int to = Math.min(order.length, from + options.batchSize());
            try (NDManager m = trainer.getManager().newSubManager(device)) {
              NDArray bx = m.create(rows(fitZ, order, from, to));
              NDArray by = m.create(labels(fitY, order, from, to), new Shape(to - from, 1));
              try (GradientCollector gc = trainer.newGradientCollector()) {
                NDList pred = trainer.forward(new NDList(bx));
                NDArray l = trainer.getLoss().evaluate(new NDList(by), pred);
                sum += l.getFloat();
                gc.backward(l);
              }
              trainer.step();
              batches++;
            }
          }
          float[] raw = predict(trainer, valZ, device);
          double valLoss = lossOf(raw, valY, objective);
          float[] outputs = objective == Objective.BINARY ? sigmoid(raw) : unscale(raw, yMean, yScale);
          double metric =
              metricOf(outputs, objective == Objective.BINARY ? valY : unscale(valY, yMean, yScale), objective);
          EpochStats stats = new EpochStats(epoch, sum / Math.max(1, batches), valLoss, metric);
          history.add(stats);
          onEpoch.accept(stats);
          // Gains below MIN_GAIN are noise, not progress: they must not keep a converged run going.
          if (valLoss < bestLoss - MIN_GAIN) {
            bestLoss = valLoss;
            bestEpoch = epoch;
            best = snapshot(linears, objective);
            bestVal = outputs;
            sinceBest = 0;
          } else if (++sinceBest >= options.patience()) {
            break;
          }
        }
      }
    }
    List<Layer> folded = new ArrayList<>(best);
    folded.set(0, standardizer.foldInto(folded.get(0)));
    if (objective == Objective.REGRESSION) {
      folded.set(folded.size() - 1, unscale(folded.get(folded.size() - 1), yMean, yScale));
      valY = unscale(valY, yMean, yScale);
    }
    return new TrainedHead(List.copyOf(folded), objective, List.copyOf(history), bestEpoch, bestVal, valY);
  }

  /** Indices of the rows kept for fitting and those held out for validation (stratified if binary). */
  private int[][] holdOut(float[] y, Objective objective) {
    Random r = new Random(options.seed() ^ 0x5DEECE66DL);
    List<Integer> fit = new ArrayList<>();
    List<Integer> val = new ArrayList<>();
    List<List<Integer>> groups = new ArrayList<>();
    if (objective == Objective.BINARY) {
      groups.add(new ArrayList<>());
      groups.add(new ArrayList<>());
      for (int i = 0; i < y.length; i++) {
        groups.get(y[i] > 0.5f ? 1 : 0).add(i);
      }
    } else {
      List<Integer> all = new ArrayList<>();
      for (int i = 0; i < y.length; i++) {
        all.add(i);
      }
      groups.add(all);
    }
    for (List<Integer> g : groups) {
      java.util.Collections.shuffle(g, r);
      int n = (int) Math.round(g.size() * options.validationShare());
      val.addAll(g.subList(0, n));
      fit.addAll(g.subList(n, g.size()));
    }
    java.util.Collections.sort(fit);
    java.util.Collections.sort(val);
    if (val.isEmpty() || fit.isEmpty()) {
      throw new IllegalArgumentException("too few rows to hold out a validation share");
    }
    return new int[][] {
      fit.stream().mapToInt(Integer::intValue).toArray(),
      val.stream().mapToInt(Integer::intValue).toArray()
    };
  }

  private static float[] predict(Trainer trainer, float[][] z, Device device) {
    float[] out = new float[z.length];
    int step = 1024;
    for (int from = 0; from < z.length; from += step) {
      int to = Math.min(z.length, from + step);
      try (NDManager m = trainer.getManager().newSubManager(device)) {
        float[][] chunk = java.util.Arrays.copyOfRange(z, from, to);
        float[] p = trainer.evaluate(new NDList(m.create(chunk))).singletonOrThrow().toFloatArray();
        System.arraycopy(p, 0, out, from, to - from);
      }
    }
    return out;
  }

  private static List<Layer> snapshot(List<Linear> linears, Objective objective) {
    List<Layer> layers = new ArrayList<>();
    for (int k = 0; k < linears.size(); k++) {
      Linear l = linears.get(k);
      NDArray w = l.getParameters().get("weight").getArray();
      NDArray b = l.getParameters().get("bias").getArray();
      int outs = (int) w.getShape().get(0);
      int ins = (int) w.getShape().get(1);
      float[] flat = w.toFloatArray();
      float[][] rows = new float[outs][ins];
      for (int o = 0; o < outs; o++) {
        System.arraycopy(flat, o * ins, rows[o], 0, ins);
      }
      String act = k == linears.size() - 1 ? objective.outputActivation() : "relu";
      layers.add(new Layer(rows, b.toFloatArray(), act));
    }
    return layers;
  }

  static double lossOf(float[] raw, float[] y, Objective objective) {
    double sum = 0;
    for (int i = 0; i < raw.length; i++) {
      if (objective == Objective.BINARY) {
        double z = raw[i];
        // log(1 + e^-|z|) + max(z, 0) - z*y: the numerically stable binary cross-entropy on logits.
        sum += Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - z * y[i];
      } else {
        double d = raw[i] - y[i];
        sum += d * d / 2;
      }
    }
    return sum / Math.max(1, raw.length);
  }

  private static double metricOf(float[] out, float[] y, Objective objective) {
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      if (objective == Objective.BINARY) {
        sum += (out[i] >= 0.5f) == (y[i] > 0.5f) ? 1 : 0;
      } else {
        sum += Math.abs(out[i] - y[i]);
      }
    }
    return sum / Math.max(1, out.length);
  }

  private static float[][] column(float[] y) {
    float[][] out = new float[y.length][1];
    for (int i = 0; i < y.length; i++) {
      out[i][0] = y[i];
    }
    return out;
  }

  private static float[] scale(float[] y, double mean, double scale) {
    float[] out = new float[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (float) ((y[i] - mean) / scale);
    }
    return out;
  }

  private static float[] unscale(float[] z, double mean, double scale) {
    float[] out = new float[z.length];
    for (int i = 0; i < z.length; i++) {
      out[i] = (float) (z[i] * scale + mean);
    }
    return out;
  }

  /** The output layer rewritten so it answers in the target's own units. */
  private static Layer unscale(Layer last, double mean, double scale) {
    float[][] w = new float[last.weights().length][];
    float[] b = new float[last.bias().length];
    for (int o = 0; o < w.length; o++) {
      w[o] = new float[last.weights()[o].length];
      for (int i = 0; i < w[o].length; i++) {
        w[o][i] = (float) (last.weights()[o][i] * scale);
      }
      b[o] = (float) (last.bias()[o] * scale + mean);
    }
    return new Layer(w, b, last.activation());
  }

  private static float[] sigmoid(float[] raw) {
    float[] p = new float[raw.length];
    for (int i = 0; i < raw.length; i++) {
      p[i] = (float) (1 / (1 + Math.exp(-raw[i])));
    }
    return p;
  }

  private static void shuffle(int[] a, Random r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static float[][] rows(float[][] z, int[] order, int from, int to) {
    float[][] out = new float[to - from][];
    for (int i = from; i < to; i++) {
      out[i - from] = z[order[i]];
    }
    return out;
  }

  private static float[] labels(float[] y, int[] order, int from, int to) {
    float[] out = new float[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = y[order[i]];
    }
    return out;
  }

  private static float[][] pick(float[][] x, int[] idx) {
    float[][] out = new float[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  private static float[] pick(float[] y, int[] idx) {
    float[] out = new float[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = y[idx[i]];
    }
    return out;
  }
}
