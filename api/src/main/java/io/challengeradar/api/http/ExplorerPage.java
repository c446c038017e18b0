package io.challengeradar.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The explorer's static files (HTML, JavaScript modules, CSS, SVG), served from the class path
 * under {@code /}, outside {@code /v1}. They need no key: they hold no data, and the page asks
 * for the key before it calls {@code /v1}. Every answer carries headers that keep the page from
 * running anything but its own files and from being framed.
 *
 * <p>Only flat names of known types are served ({@value #NAME}), so no path can reach another
 * resource of the class path.
 */
public final class ExplorerPage {

  /** Where the build puts the page's files. */
  public static final String FOLDER = "/io/challengeradar/api/explorer/";
  static final String NAME = "[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)";
  private static final Pattern NAMES = Pattern.compile(NAME);
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml");

  /**
   * Scripts and styles from this origin only, no inline script or style element, no plugins,
   * data calls to this origin only, never inside a frame.
   */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
      + "form-action 'none'; frame-ancestors 'none'";

  /** The headers of every file of the page. */
  public static final Map<String, String> HEADERS = headers();

  private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

  private static Map<String, String> headers() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    h.put("Cross-Origin-Opener-Policy", "same-origin");
    // Small files that change with each build: revalidate rather than cache stale code.
    h.put("Cache-Control", "no-cache");
    return Map.copyOf(h);
  }

  /** Whether the path is the page's rather than the API's. */
  static boolean owns(String rawPath) {
    return !rawPath.equals("/v1") && !rawPath.startsWith("/v1/");
  }

  /** The file for {@code rawPath} ({@code /} is {@code index.html}), or empty when none. */
  Optional<ApiResponse> file(String rawPath) {
    String name = rawPath.equals("/") ? "index.html" : rawPath.substring(1);
    if (!NAMES.matcher(name).matches()) {
      return Optional.empty();
    }
    return files.computeIfAbsent(name, ExplorerPage::read).map(body -> new ApiResponse(200,
        TYPES.get(name.substring(name.lastIndexOf('.') + 1)), HEADERS, body));
  }

  private static Optional<byte[]> read(String name) {
    try (InputStream in = ExplorerPage.class.getResourceAsStream(FOLDER + name)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FOLDER + name, e);
    }
  }
}
