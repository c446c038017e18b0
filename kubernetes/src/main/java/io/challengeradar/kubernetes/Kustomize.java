package io.challengeradar.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Renders an overlay of {@code infra/kubernetes} with {@code kubectl kustomize}: the same
 * kustomize operators use by hand, so what the deployer applies is what they would see.
 */
public final class Kustomize {
  /** Where the manifests live, relative to the project root. */
  public static final Path MANIFESTS = Path.of("infra", "kubernetes");
  public static final List<String> OVERLAYS = List.of("dev", "prod", "gpu");
  private static final long TIMEOUT_SECONDS = 60;

  private final String kubectl;

  public Kustomize(String kubectl) {
    this.kubectl = kubectl;
  }

  public static Kustomize onPath() {
    return new Kustomize("kubectl");
  }

  /**
   * The overlay's directory in {@code manifests} (the project's {@link #MANIFESTS} or a copy); an
   * error names the overlays there are.
   */
  public static Path overlay(Path manifests, String name) {
    Path dir = manifests.resolve("overlays").resolve(name);
    if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
      throw new IllegalArgumentException("--overlay: no overlay '" + name + "' in "
          + manifests.resolve("overlays") + "; overlays are " + OVERLAYS);
    }
    return dir;
  }

  /** Whether kubectl can be run at all (tests skip without it). */
  public boolean available() {
    try {
      Process p = new ProcessBuilder(kubectl, "version", "--client").redirectErrorStream(true)
          .start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The overlay's manifests as one YAML stream. */
  public String render(Path overlayDir) {
    Process p;
    try {
      p = new ProcessBuilder(kubectl, "kustomize", overlayDir.toString()).start();
    } catch (IOException e) {
      throw new KubernetesDeployException("cannot run '" + kubectl + " kustomize': "
          + e.getMessage() + "; install kubectl 1.27 or later (it carries kustomize v5)", e);
    }
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    String out = read(p.getInputStream());
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new KubernetesDeployException("kubectl kustomize " + overlayDir + " took over "
            + TIMEOUT_SECONDS + "s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new KubernetesDeployException("interrupted rendering " + overlayDir, e);
    }
    if (p.exitValue() != 0) {
      throw new KubernetesDeployException("kubectl kustomize " + overlayDir + " failed: "
          + err.join().strip());
    }
    return out;
  }

  private static String read(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
