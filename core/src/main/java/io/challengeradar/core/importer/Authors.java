package io.challengeradar.core.importer;

/** Author ids for sources that name authors only by handle or display name. */
final class Authors {
  private Authors() {}

  /**
   * {@code @handle} for sources with no numeric author id. The {@code @} keeps these ids apart
   * from numeric ids, and the same handle gives the same id in every such source.
   */
  static String fromHandle(String field, String handle) throws RowException {
    String h = Fields.notSpreadsheetError(field, handle == null ? "" : handle).strip();
    while (h.startsWith("@")) {
      h = h.substring(1);
    }
    if (h.isEmpty()) {
      throw new RowException(field, "author handle is empty");
    }
    return "@" + h;
  }

  /** The handle itself, without a leading {@code @}. */
  static String handle(String handle) {
    String h = handle.strip();
    while (h.startsWith("@")) {
      h = h.substring(1);
    }
    return h;
  }

  /**
   * An id from a free-text name (a YouTube channel title): the name with whitespace, control
   * characters and {@code %} percent-encoded as UTF-8, so it has no blanks (ids must not) and
   * can be decoded back to the name exactly.
   */
  static String fromName(String field, String name) throws RowException {
    if (Fields.isBlank(name)) {
      throw new RowException(field, "name is empty");
    }
    Fields.notSpreadsheetError(field, name);
    StringBuilder id = new StringBuilder(name.length() + 8);
    name.codePoints().forEach(cp -> {
      if (cp == '%' || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
          || Character.isISOControl(cp)) {
        for (byte b : new String(Character.toChars(cp)).getBytes(
            java.nio.charset.StandardCharsets.UTF_8)) {
          id.append('%').append(String.format("%02X", b & 0xFF));
        }
      } else {
        id.appendCodePoint(cp);
      }
    });
    return id.toString();
  }
}
