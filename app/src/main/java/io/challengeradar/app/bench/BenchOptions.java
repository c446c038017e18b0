package io.challengeradar.app.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags every benchmark takes, mixed into each one: how many runs per measure, whether to
 * record the table in docs/benchmarks.md, and whether to end with one JSON object on stdout.
 */
final class BenchOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec benchmark;

  @Option(names = "--repeats", description = "Runs per measure (default ${DEFAULT-VALUE});"
      + " the median is reported.")
  int repeats;

  @Option(names = "--no-record", description = "Do not append the results to docs/benchmarks.md.")
  boolean noRecord;

  @Option(names = "--json", description = "End with one JSON object, the last line on stdout:"
      + " the medians and ratios of the table.")
  boolean json;

  /** The one-minute load average when the command line was read, before any run. */
  final double loadAtStart = BenchReport.loadAverage(BenchReport.LOAD_AVERAGE);

  BenchOptions() {
    this(3);
  }

  /** For a benchmark whose runs are cheap or long enough to want another default. */
  BenchOptions(int defaultRepeats) {
    this.repeats = defaultRepeats;
  }

  /** Runs per measure, refused below one. */
  int repeats() {
    if (repeats < 1) {
      throw new ParameterException(benchmark.commandLine(),
          "--repeats must be at least 1, was " + repeats);
    }
    return repeats;
  }
}
