package io.challengeradar.app;

import io.challengeradar.infra.RadarHome;
import io.challengeradar.serving.model.DjlRuntime;
import io.challengeradar.training.nn.TrainingOptions;
import io.challengeradar.training.task.MissingDataException;
import io.challengeradar.training.task.TaskContext;
import io.challengeradar.training.task.TaskResult;
import io.challengeradar.training.task.Tasks;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code radar train <task>}: trains a head, writes its report and adds it to the model store. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a scoring head on the public data sets with DJL (PyTorch engine), evaluates it,"
          + " writes a report (markdown, JSON, PNG figures) under .radar/reports/<task>/<run>/ and"
          + " registers the head in the serving model store as a new version.",
      "Tasks: participation, virality, claims. Fixed seeds: a rerun gives the same numbers."
    })
public final class TrainCommand implements Callable<Integer> {

  @Parameters(index = "0", description = "participation, virality or claims")
  String task;

  @Option(names = "--data", description = "Data sets folder (default: ../shared/data beside the project).")
  Path data;

  @Option(names = "--store", description = "Model store (default: serving/target/model-store).")
  Path store;

  @Option(names = "--reports", description = "Reports folder (default: .radar/reports).")
  Path reports;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu, gpu or gpu:N (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for splits, sampling and training (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-epochs", defaultValue = "40", description = "Most epochs per head; early stopping usually ends sooner (default ${DEFAULT-VALUE}).")
  int maxEpochs;

  @Option(names = "--proxy", description = "participation only: also train deepChallenger's proxy tasks (video to"
      + " challenge, video to user) per split and a head on the pooled projected vectors; their figures go to the"
      + " report, the served head stays the frozen-vector one. Adds minutes.")
  boolean proxy;

  @Override
  public Integer call() throws Exception {
    Path root = RadarHome.projectRoot();
    DjlRuntime.configure(root.resolve("serving/target/djl-cache"));
    TaskContext ctx = context(root, "radar train " + task + (proxy ? " --proxy" : ""));
    try {
      TaskResult r = Tasks.named(task, proxy).run(ctx);
      System.err.println("radar train: " + task + " done; report in " + r.reportDir()
          + "; model " + r.modelDir());
      return 0;
    } catch (MissingDataException | IllegalArgumentException e) {
      System.err.println("radar train: " + e.getMessage());
      return 2;
    }
  }

  TaskContext context(Path root, String command) {
    TrainingOptions options =
        TrainingOptions.defaults().withSeed(seed).withDevice(device).withMaxEpochs(maxEpochs);
    return new TaskContext(
        data != null ? data : root.resolve("../shared/data").normalize(),
        store != null ? store : root.resolve("serving/target/model-store"),
        root.resolve(".radar/cache/embeddings"),
        reports != null ? reports : root.resolve(".radar/reports"),
        options,
        System.err,
        command);
  }
}
