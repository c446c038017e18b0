package io.challengeradar.app;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code radar} command: one entry point for every part of Challenge Radar. */
@Command(
    name = "radar",
    mixinStandardHelpOptions = true,
    version = "Challenge Radar 0.1.0",
    description = "Spots TikTok challenges as they emerge and predicts who will join them.",
    subcommands = {
      CommandLine.HelpCommand.class,
      GenerateCommand.class,
      UpCommand.class,
      StatusCommand.class,
      DownCommand.class,
      DemoCommand.class,
      ReenrichCommand.class,
      DeadLettersCommand.class,
      ProduceCommand.class,
      ServeCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      io.challengeradar.app.bench.BenchCommand.class,
      ImportCommand.class,
      PipelineCommand.class,
      ApiCommand.class,
      ConfigCommand.class,
      ClusterCommand.class,
      SubmitCommand.class,
      StopCommand.class,
      DashboardsCommand.class,
      K8sCommand.class,
      TemplatesCommand.class,
      BacktestCommand.class,
    })
public final class Radar {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line; tests call this to run commands in-process. Before a command
   * runs, its process's library logs go to their file ({@link CliLogging}), named for the command.
   */
  public static CommandLine commandLine() {
    return new CommandLine(new Radar()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionStrategy(parsed -> {
          if (runsACommand(parsed)) {
            CliLogging.install(processName(parsed), System.err);
          }
          return new CommandLine.RunLast().execute(parsed);
        })
        .setExecutionExceptionHandler(Radar::settingRefused);
  }

  /** False when the command line only asks for help or the version. */
  static boolean runsACommand(CommandLine.ParseResult parsed) {
    if (!parsed.hasSubcommand()) {
      return false;
    }
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()
          || p.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
        return false;
      }
    }
    return true;
  }

  /** The subcommands' names joined by dashes ({@code bench-ingest}), or {@code radar} alone. */
  static String processName(CommandLine.ParseResult parsed) {
    List<String> names = new ArrayList<>();
    for (CommandLine.ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
      names.add(p.commandSpec().name());
    }
    return names.isEmpty() ? "radar" : String.join("-", names);
  }

  /**
   * A setting or argument that cannot be used is the user's to fix: one line naming it (the
   * message names the key, where it came from and why), no stack trace, exit code 2.
   */
  private static int settingRefused(Exception e, CommandLine commandLine,
      CommandLine.ParseResult parseResult) throws Exception {
    if (e instanceof io.challengeradar.config.ConfigException) {
      commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": "
          + e.getMessage());
      return 2;
    }
    throw e;
  }
}
