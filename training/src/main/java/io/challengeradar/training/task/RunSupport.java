package io.challengeradar.training.task;

import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.nn.EpochStats;
import io.challengeradar.training.nn.HeadTrainer;
import io.challengeradar.training.nn.Objective;
import io.challengeradar.training.nn.TrainedHead;
import io.challengeradar.training.nn.TrainingOptions;
import io.challengeradar.training.report.Fmt;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Helpers every task uses: run folders, epoch lines, row assembly and metric maps. */
final class RunSupport {

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private RunSupport() {}

  static Path runDir(TaskContext ctx, String task) {
    return ctx.reportsDir().resolve(task).resolve(ZonedDateTime.now(ZoneOffset.UTC).format(RUN_ID));
  }

  /** Trains with one progress line per epoch on the context's log. */
  static TrainedHead train(
      TaskContext ctx, String label, TrainingOptions options, float[][] x, float[] y, Objective objective) {
    String metric = objective == Objective.BINARY ? "val_acc" : "val_mae";
    Consumer<EpochStats> line =
        e ->
            ctx.log().printf(
                Locale.ROOT,
                "%s epoch %d/%d  loss %.4f  val_loss %.4f  %s %.4f%n",
                label, e.epoch(), options.maxEpochs(), e.trainLoss(), e.validationLoss(), metric,
                e.validationMetric());
    TrainedHead head = new HeadTrainer(options, line).train(x, y, objective);
    ctx.log().printf(
        Locale.ROOT, "%s kept epoch %d of %d%n", label, head.bestEpoch(), head.history().size());
    return head;
  }

  static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static float[][] pick(float[][] x, int[] idx) {
    float[][] out = new float[idx.length][];
    for (int i = 0; i < idx.length; i++) {
      out[i] = x[idx[i]];
    }
    return out;
  }

  static float[] pick(float[] y, int[] idx) {
    float[] out = new float[idx.length];
    for (int i = 0; i < idx.length; i++) {
      out[i] = y[idx[i]];
    }
    return out;
  }

  static Map<String, Object> binaryMetrics(Confusion c, double threshold) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!Double.isNaN(threshold)) {
      m.put("threshold", Fmt.r4(threshold));
    }
    m.put("accuracy", Fmt.r4(c.accuracy()));
    m.put("precision", Fmt.r4(c.precision()));
    m.put("recall", Fmt.r4(c.recall()));
    m.put("f1", Fmt.r4(c.f1()));
    m.put("macro_precision", Fmt.r4(c.macroPrecision()));
    m.put("macro_recall", Fmt.r4(c.macroRecall()));
    m.put("macro_f1", Fmt.r4(c.macroF1()));
    Map<String, Long> cells = new LinkedHashMap<>();
    cells.put("tp", c.tp());
    cells.put("fp", c.fp());
    cells.put("tn", c.tn());
    cells.put("fn", c.fn());
    m.put("confusion", cells);
    return m;
  }

  static List<String> binaryRow(String name, Confusion c) {
    return List.of(
        name, Fmt.f4(c.accuracy()), Fmt.f4(c.precision()), Fmt.f4(c.recall()), Fmt.f4(c.f1()),
        Fmt.f4(c.macroF1()));
  }

  static final List<String> BINARY_HEADER =
      List.of("model", "accuracy", "precision", "recall", "F1", "macro F1");

  static Map<String, Object> trainingSummary(TrainedHead head, TrainingOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs_run", head.history().size());
    m.put("best_epoch", head.bestEpoch());
    m.put("seed", o.seed());
    m.put("hidden", o.hidden());
    m.put("dropout", o.dropout());
    m.put("learning_rate", o.learningRate());
    m.put("batch_size", o.batchSize());
    m.put("patience", o.patience());
    m.put("validation_share_of_train", o.validationShare());
    m.put("device", o.device());
    m.put("input_dim", head.inputDim());
    return m;
  }
}
