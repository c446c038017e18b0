package io.challengeradar.training.report;

import java.util.Locale;

/** Number formats shared by reports. */
public final class Fmt {

  private Fmt() {}

  public static String f4(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  public static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  /** Four decimals, rounded, as a number for JSON. */
  public static double r4(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
