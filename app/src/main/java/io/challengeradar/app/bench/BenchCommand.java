package io.challengeradar.app.bench;

import picocli.CommandLine.Command;

/** {@code radar bench}: benchmarks, one subcommand per part of the platform. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks; each prints one fixed table with a baseline measured in the same run.",
    subcommands = {IngestBench.class, ServingBench.class, PipelineBench.class,
        EnrichmentBench.class, ClusterBench.class})
public final class BenchCommand implements Runnable {

  @Override
  public void run() {
    System.err.println("radar bench: name a benchmark, e.g. radar bench serving");
  }
}
