package io.challengeradar.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.infra.RadarHome;
import io.challengeradar.training.task.CurrentModel;
import io.challengeradar.training.task.Tasks;
import java.nio.file.Path;
import java.util.Locale;
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
          + " virality: accuracy, srcc; claims: accuracy, precision, recall."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "participation, virality or claims")
  String task;

  @Option(names = "--json", description = "One JSON object of the headline metrics on stdout.")
  boolean json;

  @Option(names = "--store", description = "Model store (default: serving/target/model-store).")
  Path store;

  @Override
  public Integer call() throws Exception {
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
}
