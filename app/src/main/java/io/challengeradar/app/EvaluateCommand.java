package io.challengeradar.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.training.nn.TrainingOptions;
import io.challengeradar.training.task.CurrentModel;
import io.challengeradar.training.task.EncoderComparison;
import io.challengeradar.training.task.MissingDataException;
import io.challengeradar.training.task.TaskContext;
import io.challengeradar.training.task.Tasks;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar evaluate <task>}: the headline metrics of the model serving would load now. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the headline metrics of a task's current model (the newest version in the model"
          + " store), as measured by the training run that produced it on data it never trained on.",
      "participation: macro_f1, macro_precision, macro_recall, baseline_macro_f1;"
          + " virality: accuracy, srcc; claims: accuracy, precision, recall.",
      "encoder: the quantized text encoder against the full one: cosine of their vectors on 1,000"
          + " real captions (median, 1st percentile) and the shipped participation and virality"
          + " heads' figures with each encoder's vectors (needs ../shared/data; encodes the"
          + " captions it has not cached yet, minutes the first time)."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "participation, virality, claims or encoder")
  String task;

  @Option(names = "--json", description = "One JSON object of the headline metrics on stdout.")
  boolean json;

  @Option(names = "--store", description = "Model store (default: serving/target/model-store).")
  Path store;

  @Option(names = "--data", description = "encoder: the public data sets (default ../shared/data beside the project).")
  Path data;

  @Override
  public Integer call() throws Exception {
    if (task.equals("encoder")) {
      return encoder();
    }
    if (!Tasks.NAMES.contains(task)) {
      System.err.println("radar evaluate: task must be one of " + Tasks.NAMES + ", was '" + task + "'");
      return 2;
    }
    Path dir = store != null ? store : RadarHome.projectRoot().resolve("serving/target/model-store");
    CurrentModel m;
    try {
      m = CurrentModel.of(dir, task);
    } catch (java.io.IOException e) {
      System.err.println("radar evaluate: " + e.getMessage());
      return 1;
    }
    if (json) {
      System.out.println(new ObjectMapper().writeValueAsString(m.headline()));
    } else {
      System.out.println(task + " model version " + m.version() + " (" + m.dir() + ")");
      int width = m.headline().keySet().stream().mapToInt(String::length).max().orElse(0);
      m.headline().forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-" + width + "s %.4f%n", k, v));
    }
    return 0;
  }

  private int encoder() throws Exception {
    Path root = RadarHome.projectRoot();
    DjlRuntime.configure(root.resolve("serving/target/djl-cache"));
    TaskContext ctx = new TaskContext(
        data != null ? data : root.resolve("../shared/data").normalize(),
        store != null ? store : root.resolve("serving/target/model-store"),
        root.resolve(".radar/cache/embeddings"), root.resolve(".radar/reports"),
        TrainingOptions.defaults(), System.err, "radar evaluate encoder");
    Map<String, Object> figures;
    try {
      figures = EncoderComparison.run(ctx);
    } catch (MissingDataException | java.io.IOException e) {
      System.err.println("radar evaluate: " + e.getMessage());
      return 1;
    }
    ObjectMapper json = new ObjectMapper();
    if (this.json) {
      System.out.println(json.writeValueAsString(figures));
    } else {
      System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
    }
    return 0;
  }
}
