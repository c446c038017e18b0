package io.challengeradar.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands (id, useradd, chown) to completion, failing with their output. */
final class Commands {
  private static final long TIMEOUT_SECONDS = 120;

  private Commands() {}

  /** Runs {@code command}; returns its exit code, output merged with errors into {@code out}. */
  static Result run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new PlatformException(String.join(" ", command) + " did not finish in "
            + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new PlatformException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("interrupted while running " + command.get(0), e);
    }
  }

  /** Runs {@code command} and fails unless it exits 0. */
  static String runOrFail(List<String> command) {
    Result result = run(command);
    if (result.exitCode() != 0) {
      throw new PlatformException(
          String.join(" ", command) + " failed (exit " + result.exitCode() + "): "
              + result.output());
    }
    return result.output();
  }

  record Result(int exitCode, String output) {}
}
