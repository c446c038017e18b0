package io.challengeradar.api.http;

import io.challengeradar.api.BadRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route's path such as {@code /v1/challenges/{kind}/{tag}}: literal segments and named
 * variables, one variable per whole segment. Paths are matched segment by segment after each
 * segment is percent-decoded, so a tag may contain an encoded '/' or any script.
 */
public final class PathTemplate {

  private final String template;
  private final List<String> segments;

  public PathTemplate(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("template must start with '/', was '" + template + "'");
    }
    this.template = template;
    this.segments = List.of(template.substring(1).split("/", -1));
  }

  /** The template as written, as the OpenAPI document names it. */
  public String template() {
    return template;
  }

  /** The variables of {@code decodedSegments} when they match, by name. */
  public Optional<Map<String, String>> match(List<String> decodedSegments) {
    if (decodedSegments.size() != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      String actual = decodedSegments.get(i);
      if (s.startsWith("{") && s.endsWith("}")) {
        if (actual.isEmpty()) {
          return Optional.empty();
        }
        vars.put(s.substring(1, s.length() - 1), actual);
      } else if (!s.equals(actual)) {
        return Optional.empty();
      }
    }
    return Optional.of(vars);
  }

  /** Splits a raw path into percent-decoded segments; a bad escape is a 400 on "path". */
  public static List<String> split(String rawPath) {
    String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    List<String> out = new ArrayList<>();
    for (String raw : p.split("/", -1)) {
      out.add(decode(raw));
    }
    return out;
  }

  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw new BadRequestException("path", "incomplete percent escape in '" + raw + "'");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new BadRequestException("path", "bad percent escape in '" + raw + "'");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        int next = raw.indexOf('%', i);
        int end = next < 0 ? raw.length() : next;
        byte[] b = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i = end - 1;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequestException("path", "percent escapes in '" + raw + "' are not UTF-8");
    }
  }

  @Override
  public String toString() {
    return template;
  }
}
