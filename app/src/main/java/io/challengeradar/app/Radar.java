package io.challengeradar.app;

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
      ServeCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      io.challengeradar.app.bench.BenchCommand.class,
      ImportCommand.class,
      PipelineCommand.class,
      ApiCommand.class,
      ConfigCommand.class,
    })
public final class Radar {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call this to run commands in-process. */
  public static CommandLine commandLine() {
    return new CommandLine(new Radar()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(Radar::settingRefused);
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
