package io.challengeradar.app.bench;

import picocli.CommandLine.Command;

/** {@code radar bench ...}: benchmarks, kept apart from the tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks. Each prints one fixed table and appends it to docs/benchmarks.md.",
    subcommands = {})
public final class BenchCommand {}
