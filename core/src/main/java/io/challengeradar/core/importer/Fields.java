package io.challengeradar.core.importer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parsers for the value shapes the public sources use. Each one either returns the exact value or
 * throws a {@link RowException} naming the field and saying what was wrong; none guesses, rounds
 * or fills in a default.
 *
 * <p>Long on purpose: a catalogue of small, independent parsers, one per value shape; splitting it
 * would only scatter them.
 */
final class Fields {

  /** Values a spreadsheet writes in place of a cell it could not compute. */
  static final Set<String> SPREADSHEET_ERRORS =
      Set.of("#N/A", "#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NULL!", "#N/A N/A");

  /** Longest all-digits id accepted; TikTok ids have 19 digits, author ids up to 20. */
  static final int MAX_DIGITS_ID = 32;

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000L);
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000L);
  private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

  private Fields() {}

  static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  /** Refuses a spreadsheet error value; returns the text unchanged otherwise. */
  static String notSpreadsheetError(String field, String text) throws RowException {
    if (text != null && !text.isEmpty() && text.charAt(0) == '#'
        && SPREADSHEET_ERRORS.contains(text.strip())) {
      throw new RowException(field, "spreadsheet error value '" + text.strip()
          + "' instead of data");
    }
    return text;
  }

  /**
   * An all-digits id. Float notation ({@code 6.907228749016714497e+18}, {@code 123.0}) is
   * accepted only when every digit of the id is still written; otherwise the id lost precision
   * and is refused, never rounded.
   */
  static String digitsId(String field, String text) throws RowException {
    String id = recoverDigitsId(field, text);
    if (id == null) {
      throw new RowException(field, "float-mangled id '" + abbreviate(text.strip())
          + "': " + lostDigits(text.strip()) + "; the exact id cannot be recovered");
    }
    return id;
  }

  /**
   * Like {@link #digitsId} but returns null for a float-mangled id whose exact digits are lost
   * (for optional ids such as a sound id, where unknown is allowed and a wrong id is not).
   */
  static String digitsIdOrNullIfMangled(String field, String text) throws RowException {
    return recoverDigitsId(field, text);
  }

  private static String recoverDigitsId(String field, String text) throws RowException {
    if (isBlank(text)) {
      throw new RowException(field, "id is empty");
    }
    String t = notSpreadsheetError(field, text).strip();
    if (allDigits(t)) {
      if (t.length() > MAX_DIGITS_ID) {
        throw new RowException(field, "id has " + t.length() + " digits, over " + MAX_DIGITS_ID);
      }
      return t;
    }
    BigDecimal d = decimal(t);
    if (d == null || t.length() > 64) {
      throw new RowException(field, "'" + abbreviate(t) + "' is not a numeric id");
    }
    if (d.signum() < 0) {
      throw new RowException(field, "id '" + abbreviate(t) + "' is negative");
    }
    if (d.precision() - d.scale() > MAX_DIGITS_ID) {
      throw new RowException(field, "id '" + abbreviate(t) + "' has over " + MAX_DIGITS_ID
          + " digits");
    }
    BigInteger exact;
    try {
      exact = d.toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new RowException(field, "id '" + abbreviate(t) + "' has a fractional part");
    }
    String digits = exact.toString();
    if (digits.length() > MAX_DIGITS_ID) {
      throw new RowException(field, "id has " + digits.length() + " digits, over " + MAX_DIGITS_ID);
    }
    // precision() counts the digits written in the mantissa, trailing zeros included.
    return d.precision() >= digits.length() ? digits : null;
  }

  private static String lostDigits(String t) {
    BigDecimal d = decimal(t);
    if (d == null) {
      return "not a number";
    }
    int total = Math.max(1, d.precision() - d.scale());
    return "only " + d.precision() + " of its " + total + " digits survive";
  }

  /**
   * A count: plain digits, digits grouped with commas ({@code 1,234}), a whole number written as
   * a decimal ({@code 12.0}), or a display count with a K/M/B suffix ({@code 12.3K}, {@code 1.4M}).
   * Display counts are taken as shown (TikTok rounds them); a value that is not a whole number
   * after scaling ({@code 1.2345K}) is refused.
   */
  static long count(String field, String text) throws RowException {
    if (isBlank(text)) {
      throw new RowException(field, "count is empty");
    }
    String t = notSpreadsheetError(field, text).strip();
    if (t.length() > 40) {
      throw new RowException(field, "'" + abbreviate(t) + "' is not a count");
    }
    if (allDigits(t)) {
      if (t.length() <= 18) {
        return Long.parseLong(t);
      }
      return checkedLong(field, t, new BigInteger(t));
    }
    BigDecimal scale = BigDecimal.ONE;
    String number = t;
    char last = t.charAt(t.length() - 1);
    switch (last) {
      case 'k', 'K' -> scale = THOUSAND;
      case 'm', 'M' -> scale = MILLION;
      case 'b', 'B' -> scale = BILLION;
      default -> { }
    }
    if (scale != BigDecimal.ONE) {
      number = t.substring(0, t.length() - 1).strip();
    } else if (t.indexOf(',') >= 0) {
      number = ungroup(field, t);
    }
    if (number.isEmpty() || number.charAt(0) == '+' || !isPlainDecimal(number)) {
      if (number.startsWith("-") && isPlainDecimal(number.substring(1))) {
        throw new RowException(field, "count '" + t + "' is negative");
      }
      throw new RowException(field, "'" + abbreviate(t) + "' is not a count");
    }
    BigInteger whole;
    try {
      whole = new BigDecimal(number).multiply(scale).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new RowException(field, "'" + t + "' is not a whole number");
    }
    return checkedLong(field, t, whole);
  }

  private static long checkedLong(String field, String t, BigInteger v) throws RowException {
    if (v.compareTo(LONG_MAX) > 0) {
      throw new RowException(field, "count '" + abbreviate(t) + "' is too large");
    }
    return v.longValue();
  }

  /** "1,234,567" to "1234567", refusing misplaced commas ("1,23", "12,,3"). */
  private static String ungroup(String field, String t) throws RowException {
    String[] groups = t.split(",", -1);
    boolean ok = !groups[0].isEmpty() && groups[0].length() <= 3 && allDigits(groups[0]);
    for (int i = 1; ok && i < groups.length; i++) {
      ok = groups[i].length() == 3 && allDigits(groups[i]);
    }
    if (!ok) {
      throw new RowException(field, "'" + abbreviate(t) + "' is not a count (misplaced commas)");
    }
    return String.join("", groups);
  }

  /** Unix time in seconds, as digits or as a whole decimal ({@code 1608214517.0}). */
  static Instant unixSeconds(String field, String text) throws RowException {
    if (isBlank(text)) {
      throw new RowException(field, "time is empty");
    }
    String t = notSpreadsheetError(field, text).strip();
    long secs;
    if (allDigits(t) && t.length() <= 12) {
      secs = Long.parseLong(t);
    } else {
      BigDecimal d = t.length() <= 32 ? decimal(t) : null;
      try {
        if (d == null) {
          throw new ArithmeticException();
        }
        secs = d.longValueExact();
      } catch (ArithmeticException e) {
        throw new RowException(field, "'" + abbreviate(t) + "' is not a unix time in seconds");
      }
    }
    try {
      return Instant.ofEpochSecond(secs);
    } catch (DateTimeException e) {
      throw new RowException(field, "unix time " + secs + " is out of range");
    }
  }

  /** {@code YYYY-MM-DD HH:MM:SS} in the given zone. */
  static Instant localDateTime(String field, String text, ZoneId zone) throws RowException {
    if (isBlank(text)) {
      throw new RowException(field, "time is empty");
    }
    String t = notSpreadsheetError(field, text).strip();
    // Parsed by hand: DateTimeFormatter costs more than the rest of a row together.
    if (t.length() == 19 && t.charAt(4) == '-' && t.charAt(7) == '-' && t.charAt(10) == ' '
        && t.charAt(13) == ':' && t.charAt(16) == ':') {
      int year = digits(t, 0, 4);
      int month = digits(t, 5, 2);
      int day = digits(t, 8, 2);
      int hour = digits(t, 11, 2);
      int minute = digits(t, 14, 2);
      int second = digits(t, 17, 2);
      if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
        try {
          LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
          return local.toInstant(zone.getRules().getOffset(local));
        } catch (DateTimeException e) {
          // not a real date or time: refused below
        }
      }
    }
    throw new RowException(field, "'" + abbreviate(t)
        + "' is not a date-time like 2025-05-21 09:44:45");
  }

  /** The non-negative number written by {@code len} ASCII digits at {@code from}, or -1. */
  private static int digits(String t, int from, int len) {
    int v = 0;
    for (int i = from; i < from + len; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** An ISO-8601 instant with a zone designator ({@code 2017-11-13T17:13:01.000Z}). */
  static Instant isoInstant(String field, String text) throws RowException {
    if (isBlank(text)) {
      throw new RowException(field, "time is empty");
    }
    String t = notSpreadsheetError(field, text).strip();
    try {
      return Instant.parse(t);
    } catch (DateTimeException e) {
      throw new RowException(field, "'" + abbreviate(t)
          + "' is not an ISO-8601 instant like 2017-11-13T17:13:01.000Z");
    }
  }

  /** A duration as whole seconds ({@code 15}), {@code MM:SS} or {@code H:MM:SS}. */
  static int durationSec(String field, String text) throws RowException {
    if (isBlank(text)) {
      throw new RowException(field, "duration is empty");
    }
    String t = notSpreadsheetError(field, text).strip();
    if (allDigits(t) && t.length() <= 9) {
      return Integer.parseInt(t);
    }
    String[] parts = t.split(":", -1);
    boolean ok = parts.length == 2 || parts.length == 3;
    long secs = 0;
    for (int i = 0; ok && i < parts.length; i++) {
      String p = parts[i];
      ok = !p.isEmpty() && p.length() <= 4 && allDigits(p);
      if (ok) {
        int v = Integer.parseInt(p);
        // every part after the first is a sexagesimal digit pair
        ok = i == 0 || (p.length() == 2 && v < 60);
        secs = secs * 60 + v;
      }
    }
    if (!ok) {
      throw new RowException(field, "'" + abbreviate(t) + "' is not a duration like 01:05");
    }
    return (int) secs;
  }

  /**
   * A Python list-of-strings literal as written by {@code str(list)}: {@code ['a', "it's"]},
   * {@code []}, with Python's backslash escapes ({@code \xa0}, {@code \u3000}, {@code \'}).
   */
  static List<String> pythonList(String field, String text) throws RowException {
    if (isBlank(text)) {
      throw new RowException(field, "list is empty text (expected at least [])");
    }
    String t = notSpreadsheetError(field, text).strip();
    List<String> items = new ArrayList<>();
    int i = skipSpace(t, 0);
    if (i >= t.length() || t.charAt(i) != '[') {
      throw notAList(field, t, "it does not start with [");
    }
    i = skipSpace(t, i + 1);
    boolean expectItem = true;
    while (true) {
      if (i >= t.length()) {
        throw notAList(field, t, "it ends before the closing ]");
      }
      char c = t.charAt(i);
      if (c == ']') {
        i = skipSpace(t, i + 1);
        if (i != t.length()) {
          throw notAList(field, t, "text follows the closing ]");
        }
        return items;
      }
      if (!expectItem) {
        throw notAList(field, t, "expected , or ] at offset " + i);
      }
      if (c != '\'' && c != '"') {
        throw notAList(field, t, "item at offset " + i + " is not a quoted string");
      }
      StringBuilder item = new StringBuilder();
      i = readPythonString(field, t, i, item);
      items.add(item.toString());
      i = skipSpace(t, i);
      if (i < t.length() && t.charAt(i) == ',') {
        i = skipSpace(t, i + 1);
        expectItem = true;
      } else {
        expectItem = false;
      }
    }
  }

  /** Reads a quoted Python string starting at the quote; returns the index after its end. */
  private static int readPythonString(String field, String t, int start, StringBuilder out)
      throws RowException {
    char quote = t.charAt(start);
    int i = start + 1;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == quote) {
        return i + 1;
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      if (i + 1 >= t.length()) {
        break;
      }
      char e = t.charAt(i + 1);
      switch (e) {
        case '\\', '\'', '"' -> out.append(e);
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'x', 'u', 'U' -> {
          int len = e == 'x' ? 2 : e == 'u' ? 4 : 8;
          if (i + 2 + len > t.length() || !isHex(t, i + 2, len)) {
            throw notAList(field, t, "bad \\" + e + " escape at offset " + i);
          }
          int cp = Integer.parseInt(t.substring(i + 2, i + 2 + len), 16);
          if (!Character.isValidCodePoint(cp)) {
            throw notAList(field, t, "escape at offset " + i + " is not a character");
          }
          out.appendCodePoint(cp);
          i += len;
        }
        default -> throw notAList(field, t, "unknown escape \\" + e + " at offset " + i);
      }
      i += 2;
    }
    throw notAList(field, t, "a string starting at offset " + start + " is not closed");
  }

  private static RowException notAList(String field, String t, String why) {
    return new RowException(field, "not a Python list literal like ['a', 'b'] (" + why + "): '"
        + abbreviate(t) + "'");
  }

  /** Comma-separated items, each trimmed; empty items are skipped. */
  static List<String> commaList(String field, String text) throws RowException {
    if (isBlank(text)) {
      return List.of();
    }
    notSpreadsheetError(field, text);
    List<String> items = new ArrayList<>();
    for (String part : text.split(",")) {
      String item = part.strip();
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return items;
  }

  static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  static boolean allDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Digits with at most one '.' and digits on at least one side; no sign, no exponent. */
  private static boolean isPlainDecimal(String s) {
    int dot = s.indexOf('.');
    if (dot < 0) {
      return allDigits(s);
    }
    String a = s.substring(0, dot);
    String b = s.substring(dot + 1);
    return (!a.isEmpty() || !b.isEmpty()) && (a.isEmpty() || allDigits(a))
        && (b.isEmpty() || allDigits(b));
  }

  private static BigDecimal decimal(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      // BigDecimal also takes these, but none of them is part of a number a source writes.
      if (Character.isWhitespace(c) || c > 127) {
        return null;
      }
    }
    try {
      return new BigDecimal(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isHex(String t, int from, int len) {
    for (int i = from; i < from + len; i++) {
      if (Character.digit(t.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(String t, int i) {
    while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }
}
