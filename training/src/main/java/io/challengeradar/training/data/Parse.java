package io.challengeradar.training.data;

import io.challengeradar.core.event.Hashtags;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cell parsers for the quirks of the public data sets. Each throws {@link BadCell} with the reason,
 * so a reader can count the row as skipped under "column: reason".
 */
public final class Parse {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** A cell that cannot be read; {@link #getMessage()} is the reason. */
  public static final class BadCell extends Exception {
    public BadCell(String reason) {
      super(reason, null, false, false);
    }
  }

  private Parse() {}

  public static String required(CsvRows.Row row, String column) throws BadCell {
    String v = row.get(column);
    if (v == null) {
      throw new BadCell(column + ": missing");
    }
    return v;
  }

  /** A whole count: {@code 1234}, or a display count such as {@code 1.4M}, {@code 304.9K}. */
  public static long count(CsvRows.Row row, String column) throws BadCell {
    String v = required(row, column).replace(",", "");
    double mult = 1;
    char last = Character.toUpperCase(v.charAt(v.length() - 1));
    if (last == 'K' || last == 'M' || last == 'B') {
      mult = last == 'K' ? 1e3 : last == 'M' ? 1e6 : 1e9;
      v = v.substring(0, v.length() - 1);
    }
    try {
      double d = Double.parseDouble(v) * mult;
      if (!(d >= 0) || Double.isInfinite(d)) {
        throw new BadCell(column + ": not a count");
      }
      return Math.round(d);
    } catch (NumberFormatException e) {
      throw new BadCell(column + ": not a count");
    }
  }

  public static double number(CsvRows.Row row, String column) throws BadCell {
    String v = required(row, column);
    try {
      double d = Double.parseDouble(v);
      if (!Double.isFinite(d)) {
        throw new BadCell(column + ": not a finite number");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new BadCell(column + ": not a number");
    }
  }

  /** {@code MM:SS} (or {@code H:MM:SS}) to seconds. */
  public static int minutesSeconds(CsvRows.Row row, String column) throws BadCell {
    String[] parts = required(row, column).split(":");
    try {
      int s = 0;
      for (String p : parts) {
        s = s * 60 + Integer.parseInt(p.trim());
      }
      return s;
    } catch (NumberFormatException e) {
      throw new BadCell(column + ": not MM:SS");
    }
  }

  /** {@code yyyy-MM-dd HH:mm:ss} read as UTC (the sources do not state a zone) to epoch seconds. */
  public static long localTime(CsvRows.Row row, String column) throws BadCell {
    try {
      return LocalDateTime.parse(required(row, column), LOCAL).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new BadCell(column + ": not yyyy-MM-dd HH:mm:ss");
    }
  }

  public static boolean bool(CsvRows.Row row, String column) throws BadCell {
    String v = required(row, column).toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("1")) {
      return true;
    }
    if (v.equals("false") || v.equals("0")) {
      return false;
    }
    throw new BadCell(column + ": not true/false");
  }

  /** A Python list literal of strings: {@code ['a', "b's"]}; {@code []} is empty. */
  public static List<String> pythonList(CsvRows.Row row, String column) throws BadCell {
    String v = required(row, column);
    if (!v.startsWith("[") || !v.endsWith("]")) {
      throw new BadCell(column + ": not a list literal");
    }
    List<String> out = new ArrayList<>();
    int i = 1;
    int end = v.length() - 1;
    while (i < end) {
      char c = v.charAt(i);
      if (c == ' ' || c == ',') {
        i++;
        continue;
      }
      if (c != '\'' && c != '"') {
        throw new BadCell(column + ": not a list of quoted strings");
      }
      StringBuilder s = new StringBuilder();
      int j = i + 1;
      while (j < end && v.charAt(j) != c) {
        if (v.charAt(j) == '\\' && j + 1 < end) {
          j++;
        }
        s.append(v.charAt(j));
        j++;
      }
      if (j >= end) {
        throw new BadCell(column + ": unterminated string in list");
      }
      out.add(s.toString());
      i = j + 1;
    }
    return out;
  }

  /** Comma-separated tags ({@code a, b, c}), normalised as events normalise them, repeats dropped. */
  public static List<String> commaTags(String cell) {
    if (cell == null) {
      return List.of();
    }
    return Hashtags.normaliseAll(List.of(cell.split(",")));
  }
}
