package io.challengeradar.flink;

import io.challengeradar.flink.enrich.EnrichmentOptions;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of the streaming pipeline. Defaults are the {@code DEFAULT_*} constants, written
 * out with their keys in the {@code pipeline.properties} resource; a file given at start overrides
 * them key by key. Durations are ISO-8601 ({@code PT1H}) or short ({@code 1h}, {@code 10m},
 * {@code 30s}, {@code 7d}, {@code 500ms}).
 *
 * @param windowSize length of the trend windows
 * @param allowedLateness how far behind the watermark an event may be and still count; later ones
 *     are dead-lettered as "late", and each window waits this long before it is emitted
 * @param outOfOrderness how far behind the newest event the watermark trails
 * @param idleTimeout after how long without data a source split stops holding the watermark back
 * @param stateTtl how long per-key state lives without being written (the bound on all state but
 *     the snapshots waiting for their post, which the event-time orphan timeout bounds)
 * @param maxEarlySnapshots engagement snapshots buffered per video while its post has not arrived
 * @param orphanTimeout how long (event time) buffered snapshots wait for their post
 * @param idleWindows empty windows emitted after a tag's last activity (so fading is visible)
 * @param sampleSize sample videos and earliest participants kept per window and per tag
 * @param checkpointInterval how often the job checkpoints
 * @param surge how a tag's new participants are measured against its own past
 * @param cep the lifecycle pattern thresholds
 * @param enrichment enrichment of new posts through the serving tier (off without a URL)
 */
public record PipelineOptions(
    Duration windowSize,
    Duration allowedLateness,
    Duration outOfOrderness,
    Duration idleTimeout,
    Duration stateTtl,
    int maxEarlySnapshots,
    Duration orphanTimeout,
    int idleWindows,
    int sampleSize,
    Duration checkpointInterval,
    SurgeSettings surge,
    CepThresholds cep,
    EnrichmentOptions enrichment)
    implements Serializable {

  public static final String RESOURCE = "pipeline.properties";

  public static final Duration DEFAULT_WINDOW_SIZE = Duration.ofHours(1);
  public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(10);
  public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(30);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(1);
  public static final Duration DEFAULT_STATE_TTL = Duration.ofDays(7);
  public static final int DEFAULT_MAX_EARLY_SNAPSHOTS = 32;
  public static final Duration DEFAULT_ORPHAN_TIMEOUT = Duration.ofHours(6);
  public static final int DEFAULT_IDLE_WINDOWS = 3;
  public static final int DEFAULT_SAMPLE_SIZE = 5;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  public PipelineOptions {
    Settings.positive("window.size", windowSize);
    notNegative("lateness.allowed", allowedLateness);
    notNegative("watermark.out-of-orderness", outOfOrderness);
    Settings.positive("watermark.idle-timeout", idleTimeout);
    Settings.positive("state.ttl", stateTtl);
    Settings.positive("join.max-early-snapshots", maxEarlySnapshots);
    Settings.positive("join.orphan-timeout", orphanTimeout);
    if (idleWindows < 0) {
      throw new IllegalArgumentException("trend.idle-windows must be zero or more, was "
          + idleWindows);
    }
    Settings.positive("trend.sample-size", sampleSize);
    Settings.positive("checkpoint.interval", checkpointInterval);
    if (surge == null) {
      throw new IllegalArgumentException("surge settings must be set");
    }
    if (cep == null) {
      throw new IllegalArgumentException("cep thresholds must be set");
    }
    if (enrichment == null) {
      throw new IllegalArgumentException("enrichment options must be set");
    }
  }

  /** Options with enrichment off. */
  public PipelineOptions(
      Duration windowSize,
      Duration allowedLateness,
      Duration outOfOrderness,
      Duration idleTimeout,
      Duration stateTtl,
      int maxEarlySnapshots,
      Duration orphanTimeout,
      int idleWindows,
      int sampleSize,
      Duration checkpointInterval,
      SurgeSettings surge,
      CepThresholds cep) {
    this(windowSize, allowedLateness, outOfOrderness, idleTimeout, stateTtl, maxEarlySnapshots,
        orphanTimeout, idleWindows, sampleSize, checkpointInterval, surge, cep,
        EnrichmentOptions.defaults());
  }

  public static PipelineOptions defaults() {
    return new PipelineOptions(
        DEFAULT_WINDOW_SIZE, DEFAULT_ALLOWED_LATENESS, DEFAULT_OUT_OF_ORDERNESS,
        DEFAULT_IDLE_TIMEOUT, DEFAULT_STATE_TTL, DEFAULT_MAX_EARLY_SNAPSHOTS,
        DEFAULT_ORPHAN_TIMEOUT, DEFAULT_IDLE_WINDOWS, DEFAULT_SAMPLE_SIZE,
        DEFAULT_CHECKPOINT_INTERVAL, SurgeSettings.defaults(), CepThresholds.defaults(),
        EnrichmentOptions.defaults());
  }

  /** The resource's settings, then those of {@code override} (if given) on top. */
  public static PipelineOptions load(Path override) {
    return fromProperties(Settings.load(RESOURCE, override));
  }

  /** Options from key/value pairs; missing keys take their default, unknown keys are refused. */
  public static PipelineOptions fromProperties(Properties p) {
    Set<String> unknown = new TreeSet<>(p.stringPropertyNames());
    unknown.removeAll(Keys.ALL);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown pipeline option(s) " + unknown
          + "; known options are " + new TreeSet<>(Keys.ALL));
    }
    CepThresholds d = CepThresholds.defaults();
    CepThresholds cep = new CepThresholds(
        Settings.decimal(p, Keys.MIN_SURGE, d.minSurge()),
        Settings.integer(p, Keys.EMERGING_WINDOWS, d.emergingWindows()),
        Settings.integer(p, Keys.ACCELERATING_WINDOWS, d.acceleratingWindows()),
        Settings.decimal(p, Keys.ACCELERATING_MIN_FACTOR, d.acceleratingMinFactor()),
        Settings.whole(p, Keys.ACCELERATING_MIN_NEW, d.acceleratingMinNewParticipants()),
        Settings.whole(p, Keys.PEAKED_MIN_PARTICIPANTS, d.peakedMinParticipants()),
        Settings.decimal(p, Keys.PEAKED_MIN_DROP, d.peakedMinDrop()),
        Settings.integer(p, Keys.FADING_WINDOWS, d.fadingWindows()),
        Settings.decimal(p, Keys.FADING_MIN_DECLINE, d.fadingMinDecline()),
        Settings.whole(p, Keys.FADING_MIN_CUMULATIVE, d.fadingMinCumulativeParticipants()));
    return new PipelineOptions(
        Settings.duration(p, Keys.WINDOW_SIZE, DEFAULT_WINDOW_SIZE),
        Settings.duration(p, Keys.ALLOWED_LATENESS, DEFAULT_ALLOWED_LATENESS),
        Settings.duration(p, Keys.OUT_OF_ORDERNESS, DEFAULT_OUT_OF_ORDERNESS),
        Settings.duration(p, Keys.IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT),
        Settings.duration(p, Keys.STATE_TTL, DEFAULT_STATE_TTL),
        Settings.integer(p, Keys.MAX_EARLY_SNAPSHOTS, DEFAULT_MAX_EARLY_SNAPSHOTS),
        Settings.duration(p, Keys.ORPHAN_TIMEOUT, DEFAULT_ORPHAN_TIMEOUT),
        Settings.integer(p, Keys.IDLE_WINDOWS, DEFAULT_IDLE_WINDOWS),
        Settings.integer(p, Keys.SAMPLE_SIZE, DEFAULT_SAMPLE_SIZE),
        Settings.duration(p, Keys.CHECKPOINT_INTERVAL, DEFAULT_CHECKPOINT_INTERVAL),
        new SurgeSettings(
            Settings.integer(p, Keys.RECENT_WINDOWS, SurgeSettings.DEFAULT_RECENT_WINDOWS),
            Settings.integer(p, Keys.BASELINE_WINDOWS, SurgeSettings.DEFAULT_BASELINE_WINDOWS),
            Settings.decimal(p, Keys.BASELINE_FLOOR, SurgeSettings.DEFAULT_BASELINE_FLOOR)),
        cep,
        enrichmentOf(p));
  }

  public PipelineOptions withWindowSize(Duration size) {
    return new PipelineOptions(size, allowedLateness, outOfOrderness, idleTimeout, stateTtl,
        maxEarlySnapshots, orphanTimeout, idleWindows, sampleSize, checkpointInterval, surge,
        cep, enrichment);
  }

  public PipelineOptions withAllowedLateness(Duration lateness) {
    return new PipelineOptions(windowSize, lateness, outOfOrderness, idleTimeout, stateTtl,
        maxEarlySnapshots, orphanTimeout, idleWindows, sampleSize, checkpointInterval, surge,
        cep, enrichment);
  }

  public PipelineOptions withOutOfOrderness(Duration bound) {
    return new PipelineOptions(windowSize, allowedLateness, bound, idleTimeout, stateTtl,
        maxEarlySnapshots, orphanTimeout, idleWindows, sampleSize, checkpointInterval, surge,
        cep, enrichment);
  }

  public PipelineOptions withCep(CepThresholds thresholds) {
    return new PipelineOptions(windowSize, allowedLateness, outOfOrderness, idleTimeout, stateTtl,
        maxEarlySnapshots, orphanTimeout, idleWindows, sampleSize, checkpointInterval, surge,
        thresholds, enrichment);
  }

  public PipelineOptions withMaxEarlySnapshots(int max) {
    return new PipelineOptions(windowSize, allowedLateness, outOfOrderness, idleTimeout, stateTtl,
        max, orphanTimeout, idleWindows, sampleSize, checkpointInterval, surge, cep,
        enrichment);
  }

  public PipelineOptions withEnrichment(EnrichmentOptions e) {
    return new PipelineOptions(windowSize, allowedLateness, outOfOrderness, idleTimeout, stateTtl,
        maxEarlySnapshots, orphanTimeout, idleWindows, sampleSize, checkpointInterval, surge, cep,
        e);
  }

  private static EnrichmentOptions enrichmentOf(Properties p) {
    EnrichmentOptions d = EnrichmentOptions.defaults();
    String url = p.getProperty(Keys.ENRICHMENT_SERVING_URL, "").strip();
    URI serving;
    try {
      serving = url.isEmpty() ? null : new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(Keys.ENRICHMENT_SERVING_URL + ": '" + url
          + "' is not a URL: " + e.getMessage());
    }
    return new EnrichmentOptions(
        serving,
        Settings.integer(p, Keys.ENRICHMENT_CAPACITY, d.capacity()),
        Settings.duration(p, Keys.ENRICHMENT_TIMEOUT, d.timeout()),
        Settings.duration(p, Keys.ENRICHMENT_RETRY_INITIAL_BACKOFF, d.retryInitialBackoff()),
        Settings.duration(p, Keys.ENRICHMENT_RETRY_MAX_BACKOFF, d.retryMaxBackoff()),
        Settings.integer(p, Keys.ENRICHMENT_RETRY_MAX_ATTEMPTS, d.retryMaxAttempts()),
        Settings.integer(p, Keys.ENRICHMENT_RETRY_MAX_IN_FLIGHT, d.retryMaxInFlight()),
        Settings.integer(p, Keys.ENRICHMENT_BATCH_SIZE, d.batchSize()),
        Settings.duration(p, Keys.ENRICHMENT_BATCH_DELAY, d.batchDelay()));
  }

  /** The keys of {@code pipeline.properties}. */
  public static final class Keys {
    public static final String WINDOW_SIZE = "window.size";
    public static final String ALLOWED_LATENESS = "lateness.allowed";
    public static final String OUT_OF_ORDERNESS = "watermark.out-of-orderness";
    public static final String IDLE_TIMEOUT = "watermark.idle-timeout";
    public static final String STATE_TTL = "state.ttl";
    public static final String MAX_EARLY_SNAPSHOTS = "join.max-early-snapshots";
    public static final String ORPHAN_TIMEOUT = "join.orphan-timeout";
    public static final String IDLE_WINDOWS = "trend.idle-windows";
    public static final String SAMPLE_SIZE = "trend.sample-size";
    public static final String CHECKPOINT_INTERVAL = "checkpoint.interval";
    public static final String RECENT_WINDOWS = "trend.recent-windows";
    public static final String BASELINE_WINDOWS = "trend.baseline-windows";
    public static final String BASELINE_FLOOR = "trend.baseline-floor";
    public static final String MIN_SURGE = "cep.min-surge";
    public static final String EMERGING_WINDOWS = "cep.emerging.windows";
    public static final String ACCELERATING_WINDOWS = "cep.accelerating.windows";
    public static final String ACCELERATING_MIN_FACTOR = "cep.accelerating.min-factor";
    public static final String ACCELERATING_MIN_NEW = "cep.accelerating.min-new-participants";
    public static final String PEAKED_MIN_PARTICIPANTS = "cep.peaked.min-peak-participants";
    public static final String PEAKED_MIN_DROP = "cep.peaked.min-drop";
    public static final String FADING_WINDOWS = "cep.fading.windows";
    public static final String FADING_MIN_DECLINE = "cep.fading.min-decline";
    public static final String FADING_MIN_CUMULATIVE = "cep.fading.min-cumulative-participants";

    public static final String ENRICHMENT_SERVING_URL = "enrichment.serving-url";
    public static final String ENRICHMENT_CAPACITY = "enrichment.capacity";
    public static final String ENRICHMENT_TIMEOUT = "enrichment.timeout";
    public static final String ENRICHMENT_RETRY_INITIAL_BACKOFF = "enrichment.retry.initial-backoff";
    public static final String ENRICHMENT_RETRY_MAX_BACKOFF = "enrichment.retry.max-backoff";
    public static final String ENRICHMENT_RETRY_MAX_ATTEMPTS = "enrichment.retry.max-attempts";
    public static final String ENRICHMENT_RETRY_MAX_IN_FLIGHT = "enrichment.retry.max-in-flight";
    public static final String ENRICHMENT_BATCH_SIZE = "enrichment.batch.size";
    public static final String ENRICHMENT_BATCH_DELAY = "enrichment.batch.delay";

    public static final Set<String> ALL = Set.of(
        WINDOW_SIZE, ALLOWED_LATENESS, OUT_OF_ORDERNESS, IDLE_TIMEOUT, STATE_TTL,
        MAX_EARLY_SNAPSHOTS, ORPHAN_TIMEOUT, IDLE_WINDOWS, SAMPLE_SIZE, CHECKPOINT_INTERVAL,
        RECENT_WINDOWS, BASELINE_WINDOWS, BASELINE_FLOOR, MIN_SURGE, EMERGING_WINDOWS,
        ACCELERATING_WINDOWS,
        ACCELERATING_MIN_FACTOR, ACCELERATING_MIN_NEW, PEAKED_MIN_PARTICIPANTS, PEAKED_MIN_DROP,
        FADING_WINDOWS, FADING_MIN_DECLINE, FADING_MIN_CUMULATIVE, ENRICHMENT_SERVING_URL,
        ENRICHMENT_CAPACITY, ENRICHMENT_TIMEOUT, ENRICHMENT_RETRY_INITIAL_BACKOFF,
        ENRICHMENT_RETRY_MAX_BACKOFF, ENRICHMENT_RETRY_MAX_ATTEMPTS, ENRICHMENT_RETRY_MAX_IN_FLIGHT,
        ENRICHMENT_BATCH_SIZE, ENRICHMENT_BATCH_DELAY);

    private Keys() {}
  }

  /** See {@link Settings#parseDuration}. */
  public static Duration parseDuration(String key, String text) {
    return Settings.parseDuration(key, text);
  }

  private static void notNegative(String key, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be zero or more, was " + d);
    }
  }
}
