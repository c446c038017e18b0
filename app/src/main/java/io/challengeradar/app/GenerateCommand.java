package io.challengeradar.app;

import io.challengeradar.core.generator.GenerationSummary;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.ScenarioJson;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code radar generate}: a seeded synthetic stream for demos and tests, and its ground truth. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a realistic synthetic event stream (canonical NDJSON) for demos and tests, with"
          + " challenges whose truth is known. The same options give the same bytes.",
      "See docs/generator.md for the model."
    })
public final class GenerateCommand implements Callable<Integer> {
  /** Below this many posts a run takes a second or two, and a progress line is only noise. */
  static final int PROGRESS_MIN_POSTS = 100_000;
  private static final int BUFFER_BYTES = 1 << 16;

  @Spec private CommandSpec spec;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + GeneratorOptions.DEFAULT_SEED,
      description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--posts", paramLabel = "N", defaultValue = "" + GeneratorOptions.DEFAULT_POSTS,
      description = "Number of posts, exactly (default: ${DEFAULT-VALUE}).")
  private int posts;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Where to write the stream; '-' for standard output.")
  private String out;

  @Option(names = "--truth", paramLabel = "FILE",
      description = "Also write the ground truth (challenges, ordinary tags, authors) as JSON.")
  private Path truth;

  @Option(names = "--start", paramLabel = "INSTANT",
      description = "First instant of the stream (default: 2021-03-01T00:00:00Z).")
  private Instant start;

  @Option(names = "--span", paramLabel = "DURATION",
      description = "Length of the stream in whole hours, ISO-8601 (P14D, PT36H); default scales"
          + " with --posts: 14 days for 20000, between 3 and 60 days.")
  private Duration span;

  @Option(names = "--authors", paramLabel = "N",
      description = "Size of the author population (default: one per 8 posts, at least 50).")
  private Integer authors;

  @Option(names = "--challenges", paramLabel = "N", defaultValue = "" + GeneratorOptions.DEFAULT_CHALLENGES,
      description = "Number of challenges (default: ${DEFAULT-VALUE}).")
  private int challenges;

  @Option(names = "--challenge-share", paramLabel = "SHARE",
      defaultValue = "" + GeneratorOptions.DEFAULT_CHALLENGE_SHARE,
      description = "Expected share of posts that join a challenge (default: ${DEFAULT-VALUE}).")
  private double challengeShare;

  @Option(names = "--disorder-seconds", defaultValue = "0", paramLabel = "SECONDS",
      description = "Shuffle events out of event-time order by up to this much (default: 0,"
          + " sorted).")
  private long disorderSeconds;

  @Override
  public Integer call() {
    StreamGenerator generator;
    try {
      generator = new StreamGenerator(options());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    boolean toStdout = out.equals("-");
    try {
      if (truth != null) {
        writeAtomically(truth, o -> {
          Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
          ScenarioJson.write(generator.scenario(), w);
          w.flush();
          return null;
        });
      }
      GenerationSummary summary;
      try (Progress progress = posts >= PROGRESS_MIN_POSTS
          ? Progress.onStderr("generate", posts, "posts")
          : Progress.silent()) {
        summary = toStdout
            ? generator.writeTo(new BufferedOutputStream(System.out, BUFFER_BYTES), progress)
            : writeAtomically(Path.of(out), o -> generator.writeTo(o, progress));
      }
      // With the stream on standard output, the summary goes where it cannot mix with it.
      (toStdout ? spec.commandLine().getErr() : spec.commandLine().getOut())
          .println(summary.describe() + (toStdout ? "" : " -> " + out)
              + (truth == null ? "" : ", truth -> " + truth));
      return CommandLine.ExitCode.OK;
    } catch (IOException e) {
      spec.commandLine().getErr().println("generate: cannot write: " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
  }

  private GeneratorOptions options() {
    GeneratorOptions o = GeneratorOptions.of(seed, posts)
        .withChallenges(challenges)
        .withChallengeShare(challengeShare)
        .withDisorder(Duration.ofSeconds(disorderSeconds));
    if (start != null) {
      o = o.withStart(start);
    }
    if (span != null) {
      o = o.withSpan(span);
    }
    if (authors != null) {
      o = o.withAuthors(authors);
    }
    return o;
  }

  private interface Body<T> {
    T writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes next to the target and renames, so a failed or interrupted run never leaves a truncated
   * file that looks like a whole stream.
   */
  private static <T> T writeAtomically(Path target, Body<T> body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
    try {
      T result;
      try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(part), BUFFER_BYTES)) {
        result = body.writeTo(o);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return result;
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
