package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.flink.enrich.EnrichmentOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * The settings of the streaming pipeline's event-time processing: windows, lateness, state
 * bounds, surge and CEP thresholds, and the enrichment. Each is an {@link Option} defined here
 * (or in {@link SurgeSettings}, {@link CepThresholds}, {@link EnrichmentOptions}); the job's
 * whole configuration is {@link JobConfig}. Durations are ISO-8601 ({@code PT1H}) or short
 * ({@code 1h}, {@code 10m}, {@code 30s}, {@code 7d}, {@code 500ms}).
 *
 * @param windowSize length of the trend windows
 * @param allowedLateness how far behind the watermark an event may be and still count; later ones
 *     are dead-lettered as "late", and each window waits this long before it is emitted
 * @param outOfOrderness how far behind the newest event the watermark trails
 * @param idleTimeout after how long without data a source split stops holding the watermark back
 * @param maxFutureSkew how far ahead of the job's processing time an event time (or a Kafka record
 *     timestamp) may be; further ones never move the watermark and are dead-lettered as "future"
 * @param stateTtl how long per-key state lives without being written (the bound on all state but
 *     the snapshots waiting for their post, which the event-time orphan timeout bounds)
 * @param maxEarlySnapshots engagement snapshots buffered per video while its post has not arrived
 * @param orphanTimeout how long (event time) buffered snapshots wait for their post
 * @param idleWindows empty windows emitted after a tag's last activity (so fading is visible)
 * @param sampleSize sample videos and earliest participants kept per window and per tag
 * @param checkpointInterval how often the job checkpoints
 * @param surge how a tag's share of a window is measured against its baseline share
 * @param cep the lifecycle pattern thresholds
 * @param enrichment enrichment of new posts through the serving tier (off without a URL)
 */
public record PipelineOptions(
    Duration windowSize,
    Duration allowedLateness,
    Duration outOfOrderness,
    Duration idleTimeout,
    Duration maxFutureSkew,
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

  public static final Option<Duration> WINDOW_SIZE = Option.key("window.size").durationType()
      .defaultValue(Duration.ofHours(1)).positive()
      .description("Length of the trend windows per hashtag and per sound.");
  public static final Option<Duration> ALLOWED_LATENESS = Option.key("lateness.allowed")
      .durationType().defaultValue(Duration.ofMinutes(10)).notNegative()
      .description("Events further than this behind the watermark are dead-lettered as \"late\";"
          + " windows wait this long after their end before they are emitted, so every accepted"
          + " event is in its window.");
  public static final Option<Duration> OUT_OF_ORDERNESS = Option.key("watermark.out-of-orderness")
      .durationType().defaultValue(Duration.ofSeconds(30)).notNegative()
      .description("How far the watermark trails the newest event time seen.");
  public static final Option<Duration> IDLE_TIMEOUT = Option.key("watermark.idle-timeout")
      .durationType().defaultValue(Duration.ofMinutes(1)).positive()
      .description("A source split without data for this long stops holding the watermark back.");
  public static final Option<Duration> MAX_FUTURE_SKEW = Option.key("watermark.max-future-skew")
      .durationType().defaultValue(Duration.ofHours(1)).positive()
      .description("Events whose event time (or Kafka record timestamp) is more than this ahead"
          + " of the job's processing time (each task manager's clock) never move the watermark:"
          + " they are dead-lettered as \"future\" (stage watermark). Without this guard one such"
          + " event would make every later event late. Replays of past data are unaffected.");
  public static final Option<Duration> STATE_TTL = Option.key("state.ttl").durationType()
      .defaultValue(Duration.ofDays(7)).positive()
      .description("Per-key state not written for this long is dropped (processing time). The"
          + " bound on all state but the snapshots waiting for their post, which"
          + " join.orphan-timeout bounds (event time).");
  public static final Option<Integer> MAX_EARLY_SNAPSHOTS = Option.key("join.max-early-snapshots")
      .intType().defaultValue(32).positive()
      .description("Engagement snapshots buffered per video while its post has not arrived; more"
          + " are dead-lettered.");
  public static final Option<Duration> ORPHAN_TIMEOUT = Option.key("join.orphan-timeout")
      .durationType().defaultValue(Duration.ofHours(6)).positive()
      .description("Buffered snapshots whose post has not arrived this long (event time) later"
          + " are dead-lettered.");
  public static final Option<Integer> IDLE_WINDOWS = Option.key("trend.idle-windows").intType()
      .defaultValue(3).notNegative()
      .description("Empty windows emitted after a tag's last activity, so that fading stays"
          + " visible.");
  public static final Option<Integer> SAMPLE_SIZE = Option.key("trend.sample-size").intType()
      .defaultValue(5).positive()
      .description("Sample videos and earliest participants kept per window and per tag.");
  public static final Option<Duration> CHECKPOINT_INTERVAL = Option.key("checkpoint.interval")
      .durationType().defaultValue(Duration.ofSeconds(10)).positive()
      .description("How often the job checkpoints.");

  /** The event-time processing, trend and lifecycle settings. */
  public static final OptionGroup GROUP = OptionGroup.of("pipeline",
      "The streaming job's event time, state bounds, trend windows and lifecycle (CEP) rules.",
      WINDOW_SIZE, ALLOWED_LATENESS, OUT_OF_ORDERNESS, IDLE_TIMEOUT, MAX_FUTURE_SKEW, STATE_TTL,
      MAX_EARLY_SNAPSHOTS, ORPHAN_TIMEOUT, IDLE_WINDOWS, SAMPLE_SIZE, CHECKPOINT_INTERVAL,
      SurgeSettings.RECENT_WINDOWS, SurgeSettings.BASELINE_WINDOWS, SurgeSettings.WARMUP_WINDOWS,
      SurgeSettings.PRIOR_WINDOWS, SurgeSettings.PRIOR_SHARE_SCALE,
      CepThresholds.MIN_SCORE, CepThresholds.MIN_LIFT, CepThresholds.MIN_NEW_PARTICIPANTS,
      CepThresholds.EMERGING_WINDOWS, CepThresholds.ACCELERATING_WINDOWS,
      CepThresholds.ACCELERATING_MIN_FACTOR, CepThresholds.ACCELERATING_MIN_NEW,
      CepThresholds.PEAKED_MIN_PARTICIPANTS, CepThresholds.PEAKED_MIN_DROP,
      CepThresholds.FADING_WINDOWS, CepThresholds.FADING_MIN_CUMULATIVE,
      CepThresholds.MAX_DELAY_WINDOWS);

  public PipelineOptions {
    if (surge == null || cep == null || enrichment == null) {
      throw new ConfigException("surge, cep and enrichment settings must be set");
    }
  }

  /** Every setting at its default: enrichment off. */
  public static PipelineOptions defaults() {
    return from(Config.defaults(GROUP, EnrichmentOptions.GROUP));
  }

  /** The settings of {@link #GROUP} and {@link EnrichmentOptions#GROUP} in {@code c}. */
  public static PipelineOptions from(Config c) {
    return new PipelineOptions(c.get(WINDOW_SIZE), c.get(ALLOWED_LATENESS),
        c.get(OUT_OF_ORDERNESS), c.get(IDLE_TIMEOUT), c.get(MAX_FUTURE_SKEW), c.get(STATE_TTL),
        c.get(MAX_EARLY_SNAPSHOTS),
        c.get(ORPHAN_TIMEOUT), c.get(IDLE_WINDOWS), c.get(SAMPLE_SIZE), c.get(CHECKPOINT_INTERVAL),
        SurgeSettings.from(c), CepThresholds.from(c), EnrichmentOptions.from(c));
  }
}
