package io.challengeradar.training.nn;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
import io.challengeradar.training.eval.MulticlassScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * deepChallenger's proxy stage on frozen text vectors: one projection layer (frozen dimension to
 * {@link ProxyOptions#dimension()}, tanh) shared by several softmax classifiers, one per proxy
 * objective (video to challenge, video to user), trained together with DJL on the PyTorch engine.
 * The classifiers are thrown away; the projection is what the participation head's pooled
 * representations are built from.
 *
 * <p>All classifiers are one output layer whose columns are split between the objectives, and each
 * objective's cross-entropy is taken over its own columns only. Each step takes a batch from every
 * objective, sized in proportion to it, and adds their mean losses: the objectives weigh the same
 * whatever their number of examples (a few hundred challenge videos against thousands of user
 * videos), and one epoch is one pass over each.
 *
 * <p>tanh rather than ReLU: the projected vectors are averaged into representations, and a bounded
 * activation with no dead units keeps every dimension of the mean informative.
 */
public final class ProxyTrainer {

  public static final String ACTIVATION = "tanh";

  private final ProxyOptions options;
  private final Consumer<EpochStats> onEpoch;

  /** @param onEpoch called after each epoch (progress lines); may be null */
  public ProxyTrainer(ProxyOptions options, Consumer<EpochStats> onEpoch) {
    if (options == null) {
      throw new IllegalArgumentException("options must be set");
    }
    this.options = options;
    this.onEpoch = onEpoch == null ? e -> {} : onEpoch;
  }

  public ProxyOptions options() {
    return options;
  }

  /** One objective's examples split into those fitted and those held out. */
  private record Part(ProxyObjective objective, int offset, int[] fit, int[] validation) {}

  public Projection train(List<ProxyObjective> objectives) {
    List<Part> parts = split(objectives);
    int inputs = objectives.get(0).inputs()[0].length;
    int outputs = parts.get(parts.size() - 1).offset() + objectives.get(objectives.size() - 1).classes();
    int largest = parts.stream().mapToInt(p -> p.fit().length).max().orElse(0);
    int steps = (largest + options.batchSize() - 1) / options.batchSize();

    Engine engine = Engine.getEngine(HeadTrainer.ENGINE);
    engine.setRandomSeed((int) options.seed());
    Device device = DeviceSpec.parse(options.device()).resolve(engine, "proxy training");
    Linear projection = Linear.builder().setUnits(options.dimension()).build();
    SequentialBlock block = new SequentialBlock().add(projection).add(Activation.tanhBlock());
    if (options.dropout() > 0) {
      block.add(Dropout.builder().optRate(options.dropout()).build());
    }
    block.add(Linear.builder().setUnits(outputs).build());
    Loss loss = Loss.softmaxCrossEntropyLoss();
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(loss)
            .optOptimizer(
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(options.learningRate())).build())
            .optDevices(new Device[] {device});

    List<EpochStats> history = new ArrayList<>();
    Layer best = null;
    Map<String, MulticlassScores> bestScores = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    try (Model model = Model.newInstance("proxy", device, HeadTrainer.ENGINE)) {
      model.setBlock(block);
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, inputs));
        int sinceBest = 0;
        for (int epoch = 1; epoch <= options.maxEpochs(); epoch++) {
          List<int[]> orders = new ArrayList<>();
          for (int k = 0; k < parts.size(); k++) {
            int[] order = parts.get(k).fit().clone();
            shuffle(order, new Random(options.seed() * 31 + epoch * 131L + k));
            orders.add(order);
          }
          double sum = 0;
          for (int s = 0; s < steps; s++) {
            sum += step(trainer, loss, device, parts, orders, s, steps);
          }
          Map<String, MulticlassScores> scores = new LinkedHashMap<>();
          double valLoss = validate(trainer, device, parts, outputs, scores);
          double metric = scores.values().stream().mapToDouble(MulticlassScores::accuracy).average().orElse(0);
          EpochStats stats = new EpochStats(epoch, sum / Math.max(1, steps), valLoss, metric);
          history.add(stats);
          onEpoch.accept(stats);
          // Gains below MIN_GAIN are noise, not progress: they must not keep a converged run going.
          if (valLoss < bestLoss - HeadTrainer.MIN_GAIN) {
            bestLoss = valLoss;
            bestEpoch = epoch;
            best = snapshot(projection);
            bestScores = scores;
            sinceBest = 0;
          } else if (++sinceBest >= options.patience()) {
            break;
          }
        }
      }
    }
    return new Projection(best, List.copyOf(history), bestEpoch, Map.copyOf(bestScores));
  }

  private List<Part> split(List<ProxyObjective> objectives) {
    if (objectives == null || objectives.isEmpty()) {
      throw new IllegalArgumentException("objectives must hold at least one objective");
    }
    int inputs = -1;
    int offset = 0;
    Random r = new Random(options.seed() ^ 0x5DEECE66DL);
    List<Part> parts = new ArrayList<>();
    for (ProxyObjective o : objectives) {
      if (o.size() < 10) {
        throw new IllegalArgumentException(o.name() + ": need at least 10 examples, got " + o.size());
      }
      for (float[] x : o.inputs()) {
        if (inputs < 0) {
          inputs = x.length;
        } else if (x.length != inputs) {
          throw new IllegalArgumentException(
              o.name() + ": every input must have " + inputs + " values, one has " + x.length);
        }
      }
      int[] order = new int[o.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      shuffle(order, r);
      int n = Math.max(1, (int) Math.round(order.length * options.validationShare()));
      int[] val = java.util.Arrays.copyOfRange(order, 0, n);
      int[] fit = java.util.Arrays.copyOfRange(order, n, order.length);
      java.util.Arrays.sort(val);
      java.util.Arrays.sort(fit);
      parts.add(new Part(o, offset, fit, val));
      offset += o.classes();
    }
    return parts;
  }

  /** One optimiser step over step {@code s}'s share of every objective; returns the summed loss. */
  private static double step(Trainer trainer, Loss loss, Device device, List<Part> parts, List<int[]> orders,
      int s, int steps) {
    double value;
    try (NDManager m = trainer.getManager().newSubManager(device)) {
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDArray total = null;
        for (int k = 0; k < parts.size(); k++) {
          Part p = parts.get(k);
          int[] order = orders.get(k);
          int per = (order.length + steps - 1) / steps;
          int from = s * per;
          int to = Math.min(order.length, from + per);
          if (from >= to) {
            continue;
          }
          float[][] x = new float[to - from][];
          long[] y = new long[to - from];
          for (int i = from; i < to; i++) {
            x[i - from] = p.objective().inputs()[order[i]];
            y[i - from] = p.objective().labels()[order[i]];
          }
          NDArray logits = trainer.forward(new NDList(m.create(x))).singletonOrThrow();
          NDArray own = logits.get(new NDIndex().addAllDim().addSliceDim(p.offset(), p.offset() + p.objective().classes()));
          NDArray l = loss.evaluate(new NDList(m.create(y)), new NDList(own));
          total = total == null ? l : total.add(l);
        }
        value = total.getFloat();
        gc.backward(total);
      }
      trainer.step();
    }
    return value;
  }

  /** Sum over objectives of the mean cross-entropy on their held-out examples; fills {@code scores}. */
  private static double validate(Trainer trainer, Device device, List<Part> parts, int outputs,
      Map<String, MulticlassScores> scores) {
    double sum = 0;
    for (Part p : parts) {
      ProxyObjective o = p.objective();
      int[] idx = p.validation();
      int[] predicted = new int[idx.length];
      int[] actual = new int[idx.length];
      double ce = 0;
      int chunk = 1024;
      for (int from = 0; from < idx.length; from += chunk) {
        int to = Math.min(idx.length, from + chunk);
        float[][] x = new float[to - from][];
        for (int i = from; i < to; i++) {
          x[i - from] = o.inputs()[idx[i]];
        }
        float[] logits;
        try (NDManager m = trainer.getManager().newSubManager(device)) {
          logits = trainer.evaluate(new NDList(m.create(x))).singletonOrThrow().toFloatArray();
        }
        for (int i = from; i < to; i++) {
          int base = (i - from) * outputs + p.offset();
          int label = o.labels()[idx[i]];
          double max = Double.NEGATIVE_INFINITY;
          int arg = 0;
          for (int c = 0; c < o.classes(); c++) {
            if (logits[base + c] > max) {
              max = logits[base + c];
              arg = c;
            }
          }
          double z = 0;
          for (int c = 0; c < o.classes(); c++) {
            z += Math.exp(logits[base + c] - max);
          }
          ce += max + Math.log(z) - logits[base + label];
          predicted[i] = arg;
          actual[i] = label;
        }
      }
      sum += ce / idx.length;
      scores.put(o.name(), MulticlassScores.of(predicted, actual, o.classes()));
    }
    return sum;
  }

  private static Layer snapshot(Linear projection) {
    NDArray w = projection.getParameters().get("weight").getArray();
    NDArray b = projection.getParameters().get("bias").getArray();
    int outs = (int) w.getShape().get(0);
    int ins = (int) w.getShape().get(1);
    float[] flat = w.toFloatArray();
    float[][] rows = new float[outs][ins];
    for (int o = 0; o < outs; o++) {
      System.arraycopy(flat, o * ins, rows[o], 0, ins);
    }
    return new Layer(rows, b.toFloatArray(), ACTIVATION);
  }

  private static void shuffle(int[] a, Random r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
