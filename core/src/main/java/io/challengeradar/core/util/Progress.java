package io.challengeradar.core.util;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line for long work (imports, replays, training). On a terminal it redraws one line in
 * place; otherwise (CI logs, pipes) it prints a line every {@code logEvery} of the total or at most
 * every few seconds, so logs stay readable. Not thread-safe: one owner advances it.
 */
public final class Progress implements AutoCloseable {
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LOG_NANOS = 5_000_000_000L;
  private static final int BAR_WIDTH = 30;

  private final String label;
  private final long total;
  private final String unit;
  private final PrintStream out;
  private final boolean interactive;
  private final long start = System.nanoTime();
  private long done;
  private long lastDraw;

  /**
   * @param total the expected amount of work, or a non-positive number when unknown
   * @param unit what is counted ("lines", "bytes", "events")
   */
  public Progress(String label, long total, String unit, PrintStream out, boolean interactive) {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.out = out;
    this.interactive = interactive;
  }

  /** A progress line on standard error, redrawn in place when there is a console. */
  public static Progress onStderr(String label, long total, String unit) {
    return new Progress(label, total, unit, System.err, System.console() != null);
  }

  /** A progress reporter that prints nothing (tests, benchmarks). */
  public static Progress silent() {
    return new Progress("", 0, "", null, false);
  }

  public void advance(long amount) {
    done += amount;
    if (out == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw >= (interactive ? REDRAW_NANOS : LOG_NANOS)) {
      lastDraw = now;
      draw(now, false);
    }
  }

  public long done() {
    return done;
  }

  private void draw(long now, boolean last) {
    double secs = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / secs;
    StringBuilder line = new StringBuilder(label).append(' ');
    if (total > 0) {
      double frac = Math.min(1.0, (double) done / total);
      int filled = (int) Math.round(frac * BAR_WIDTH);
      line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
          .append("] ").append(String.format(Locale.ROOT, "%3.0f%% ", frac * 100));
    }
    line.append(String.format(Locale.ROOT, "%,d %s  %,.0f %s/s  %.1fs", done, unit, rate, unit,
        secs));
    if (interactive) {
      out.print('\r' + line.toString() + (last ? System.lineSeparator() : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void close() {
    if (out != null) {
      draw(System.nanoTime(), true);
    }
  }
}
