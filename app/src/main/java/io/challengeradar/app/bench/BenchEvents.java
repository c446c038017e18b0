package io.challengeradar.app.bench;

import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The benchmarks' stream: the generator at one seed, so every run and every bench reads the same. */
final class BenchEvents {
  private static final long SEED = 42;

  private BenchEvents() {}

  /** Writes {@code posts} generated posts and their engagement to {@code file} as NDJSON. */
  static void generate(Path file, int posts) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      new StreamGenerator(GeneratorOptions.of(SEED, posts)).writeTo(out, Progress.silent());
    }
  }

  /** {@link #generate}, then the file's events: the count each rate divides. */
  static long generateCounted(Path file, int posts) throws IOException {
    generate(file, posts);
    try (var all = Files.lines(file)) {
      return all.count();
    }
  }
}
