package io.challengeradar.serving.model;

import io.challengeradar.serving.ServingSettings;
import io.challengeradar.serving.engine.BatchingOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * One model version as described by its {@code model.properties} file in {@code
 * <store>/<name>/<version>/}.
 *
 * @param name the model's folder name, which is also its name in the API
 * @param version the version folder's name
 * @param dir the version folder
 * @param kind what the model does
 * @param engine the DJL engine name ({@code OnnxRuntime}, {@code PyTorch}) or {@code builtin}
 * @param device where it runs
 * @param batching how its engine batches and sheds load
 * @param properties every property, for kind-specific settings
 */
public record ModelSpec(
    String name,
    String version,
    Path dir,
    ModelKind kind,
    String engine,
    DeviceSpec device,
    BatchingOptions batching,
    Properties properties) {

  public static final String FILE = "model.properties";

  /**
   * Reads {@code dir/model.properties} with the serving tier's default batching; {@code
   * deviceOverride} (may be null) replaces its device.
   */
  public static ModelSpec read(String name, String version, Path dir, String deviceOverride)
      throws IOException {
    return read(name, version, dir, deviceOverride,
        BatchingOptions.from(ServingSettings.defaults()));
  }

  /**
   * Reads {@code dir/model.properties}; batching keys it lacks come from {@code batchingDefaults},
   * and {@code deviceOverride} (may be null) replaces its device.
   */
  public static ModelSpec read(String name, String version, Path dir, String deviceOverride,
      BatchingOptions batchingDefaults) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    try {
      BatchingOptions defaults = batchingDefaults;
      BatchingOptions batching =
          new BatchingOptions(
              intProp(p, "batch.size", defaults.maxBatchSize()),
              Duration.ofMillis(intProp(p, "batch.delay.ms", (int) defaults.maxBatchDelay().toMillis())),
              intProp(p, "queue.capacity", defaults.queueCapacity()),
              intProp(p, "workers", defaults.workers()),
              Duration.ofMillis(intProp(p, "timeout.ms", (int) defaults.timeout().toMillis())),
              defaults.restartDelay());
      String device = deviceOverride != null ? deviceOverride : p.getProperty("device", "cpu");
      return new ModelSpec(
          name,
          version,
          dir,
          ModelKind.fromKey(required(p, "kind")),
          p.getProperty("engine", "builtin").trim(),
          DeviceSpec.parse(device),
          batching,
          p);
    } catch (IllegalArgumentException e) {
      throw new IOException("bad " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  /** This spec with one property set (the store's copy is not touched). */
  public ModelSpec withProperty(String key, String value) {
    Properties copy = new Properties();
    copy.putAll(properties);
    copy.setProperty(key, value);
    return new ModelSpec(name, version, dir, kind, engine, device, batching, copy);
  }

  /** This spec run by {@code workers} workers, each with its own predictor. */
  public ModelSpec withWorkers(int workers) {
    BatchingOptions b = batching;
    return new ModelSpec(name, version, dir, kind, engine, device, new BatchingOptions(
        b.maxBatchSize(), b.maxBatchDelay(), b.queueCapacity(), workers, b.timeout(),
        b.restartDelay()), properties);
  }

  public String string(String key, String fallback) {
    return properties.getProperty(key, fallback).trim();
  }

  public int integer(String key, int fallback) {
    return intProp(properties, key, fallback);
  }

  /** A file inside the version folder named by property {@code key}. */
  public Path file(String key, String fallback) {
    return dir.resolve(string(key, fallback));
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " must be set");
    }
    return v.trim();
  }

  private static int intProp(Properties p, String key, int fallback) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, was '" + v + "'");
    }
  }
}
