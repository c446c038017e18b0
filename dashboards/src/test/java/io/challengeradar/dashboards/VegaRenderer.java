package io.challengeradar.dashboards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Renders a spec headless with the module's node script ({@code render/render.mjs}: Vega 5 and
 * Vega-Lite 5 from {@code render/package-lock.json}, resvg for the PNG). Needs node and the
 * packages {@code npm ci} installs before the ITs; {@link #missing} says what is absent.
 */
final class VegaRenderer {
  private final Path dir;

  VegaRenderer(Path dir) {
    this.dir = dir.toAbsolutePath();
  }

  /** The render folder the build names, or the module's. */
  static VegaRenderer fromBuild() {
    return new VegaRenderer(Path.of(System.getProperty("radar.dashboards.render", "render")));
  }

  /** Why rendering cannot run here, or null when it can. */
  String missing() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "node does not run";
      }
    } catch (IOException e) {
      return "node is not installed (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    for (String pkg : new String[] {"vega", "vega-lite", "@resvg/resvg-js"}) {
      if (!Files.isDirectory(dir.resolve("node_modules").resolve(pkg))) {
        return "npm package " + pkg + " is not installed in " + dir.resolve("node_modules")
            + " (the build runs npm ci there when npm is present)";
      }
    }
    return null;
  }

  /**
   * Renders {@code spec} to {@code out}.svg and {@code out}.png.
   *
   * @return null when it rendered, else the renderer's reason
   */
  String render(Path spec, Path out) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("node", dir.resolve("render.mjs").toString(),
        spec.toAbsolutePath().toString(), out.toAbsolutePath().toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : output;
  }
}
