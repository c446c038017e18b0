package io.challengeradar.flink.intel;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.Settings;
import io.challengeradar.serving.client.ClientOptions;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every setting of the challenge intelligence (representations, risk, participation
 * predictions). Defaults are the {@code DEFAULT_*} constants, written out with their keys in the
 * {@code intelligence.properties} resource; a file given at start overrides them key by key.
 *
 * @param servingUrl the serving tier, e.g. {@code http://serving:8081}
 * @param servingTimeout limit per call to the serving tier; a call blocks its task thread
 * @param servingRetries retries of a call that found the serving tier unreachable or busy
 * @param servingBatch most items per call (larger calls are split)
 * @param representationTtl a tag's representation is dropped after this long without a new
 *     video (processing time)
 * @param userVideos latest videos kept per author, the user representation's window
 * @param userTags distinct tags remembered per author, so that users who already joined a
 *     challenge are not predicted to join it
 * @param userTtl an author's videos are dropped after this long without a new one (processing
 *     time)
 * @param scoreStages alert stages that start a participation scoring round
 * @param activeWithin candidates posted within this long (event time) before the alert
 * @param minVideos candidates have at least this many videos outside the challenge
 * @param maxCandidates most candidates scored per round, the most recently active first
 * @param topN predictions written per round
 * @param pendingRoundTtl a round still waiting for scoring subtasks after this long is dropped
 *     (processing time); only a restore between the subtasks' answers leaves one
 * @param riskRetryInterval after the harmful descriptions could not be embedded, how long until
 *     an alert tries again
 * @param harmful the harmful-challenge descriptions risk is measured against
 */
public record IntelligenceOptions(
    URI servingUrl,
    Duration servingTimeout,
    int servingRetries,
    int servingBatch,
    Duration representationTtl,
    int userVideos,
    int userTags,
    Duration userTtl,
    Set<Stage> scoreStages,
    Duration activeWithin,
    int minVideos,
    int maxCandidates,
    int topN,
    Duration pendingRoundTtl,
    Duration riskRetryInterval,
    List<HarmfulChallenge> harmful)
    implements Serializable {

  public static final String RESOURCE = "intelligence.properties";

  public static final URI DEFAULT_SERVING_URL = URI.create("http://localhost:8081");
  public static final Duration DEFAULT_SERVING_TIMEOUT = Duration.ofSeconds(5);
  public static final int DEFAULT_SERVING_RETRIES = 1;
  public static final int DEFAULT_SERVING_BATCH = 64;
  public static final Duration DEFAULT_REPRESENTATION_TTL = Duration.ofDays(30);
  public static final int DEFAULT_USER_VIDEOS = 8;
  public static final int DEFAULT_USER_TAGS = 64;
  public static final Duration DEFAULT_USER_TTL = Duration.ofDays(30);
  public static final Set<Stage> DEFAULT_SCORE_STAGES =
      Set.copyOf(EnumSet.of(Stage.EMERGING, Stage.ACCELERATING));
  public static final Duration DEFAULT_ACTIVE_WITHIN = Duration.ofDays(7);
  public static final int DEFAULT_MIN_VIDEOS = 2;
  public static final int DEFAULT_MAX_CANDIDATES = 500;
  public static final int DEFAULT_TOP_N = 20;
  public static final Duration DEFAULT_PENDING_ROUND_TTL = Duration.ofHours(1);
  public static final Duration DEFAULT_RISK_RETRY_INTERVAL = Duration.ofMinutes(1);
  /** The three the virality study names, and better-known ones of the same kind. */
  public static final List<HarmfulChallenge> DEFAULT_HARMFUL = List.of(
      new HarmfulChallenge("Blue Whale",
          "a series of self-harm tasks over fifty days ending in suicide"),
      new HarmfulChallenge("Milk Crate",
          "climbing up and down a pyramid of stacked milk crates until it collapses"),
      new HarmfulChallenge("Bird Box",
          "doing everyday tasks such as driving while blindfolded"),
      new HarmfulChallenge("Tide Pod", "biting into or eating laundry detergent pods"),
      new HarmfulChallenge("Skull Breaker",
          "kicking the legs out from under a person who jumps so they fall on their head"),
      new HarmfulChallenge("Blackout",
          "choking oneself until passing out from lack of oxygen"),
      new HarmfulChallenge("Benadryl",
          "taking an overdose of antihistamine pills to hallucinate"));

  public IntelligenceOptions {
    if (servingUrl == null || servingUrl.getHost() == null) {
      throw new IllegalArgumentException(
          Keys.SERVING_URL + " must be an absolute http URL, was " + servingUrl);
    }
    Settings.positive(Keys.SERVING_TIMEOUT, servingTimeout);
    if (servingRetries < 0) {
      throw new IllegalArgumentException(
          Keys.SERVING_RETRIES + " must be zero or more, was " + servingRetries);
    }
    Settings.positive(Keys.SERVING_BATCH, servingBatch);
    Settings.positive(Keys.REPRESENTATION_TTL, representationTtl);
    Settings.positive(Keys.USER_VIDEOS, userVideos);
    Settings.positive(Keys.USER_TAGS, userTags);
    Settings.positive(Keys.USER_TTL, userTtl);
    if (scoreStages == null) {
      throw new IllegalArgumentException(Keys.SCORE_STAGES + " must be set (empty: never score)");
    }
    scoreStages = Set.copyOf(scoreStages);
    Settings.positive(Keys.ACTIVE_WITHIN, activeWithin);
    Settings.positive(Keys.MIN_VIDEOS, minVideos);
    if (minVideos > userVideos) {
      throw new IllegalArgumentException(Keys.MIN_VIDEOS + " must be at most " + Keys.USER_VIDEOS
          + " (" + userVideos + "), was " + minVideos);
    }
    Settings.positive(Keys.MAX_CANDIDATES, maxCandidates);
    Settings.positive(Keys.TOP_N, topN);
    Settings.positive(Keys.PENDING_ROUND_TTL, pendingRoundTtl);
    Settings.positive(Keys.RISK_RETRY_INTERVAL, riskRetryInterval);
    if (harmful == null) {
      throw new IllegalArgumentException("risk.harmful.* must be set (empty: no risk scores)");
    }
    harmful = List.copyOf(harmful);
  }

  public static IntelligenceOptions defaults() {
    return new IntelligenceOptions(DEFAULT_SERVING_URL, DEFAULT_SERVING_TIMEOUT,
        DEFAULT_SERVING_RETRIES, DEFAULT_SERVING_BATCH, DEFAULT_REPRESENTATION_TTL,
        DEFAULT_USER_VIDEOS, DEFAULT_USER_TAGS, DEFAULT_USER_TTL, DEFAULT_SCORE_STAGES,
        DEFAULT_ACTIVE_WITHIN, DEFAULT_MIN_VIDEOS, DEFAULT_MAX_CANDIDATES, DEFAULT_TOP_N,
        DEFAULT_PENDING_ROUND_TTL, DEFAULT_RISK_RETRY_INTERVAL, DEFAULT_HARMFUL);
  }

  /** How the operators' serving clients talk to the serving tier. */
  public ClientOptions client() {
    return ClientOptions.of(servingUrl)
        .withMaxRetries(servingRetries)
        .withMaxBatch(servingBatch)
        .withRequestTimeout(servingTimeout);
  }

  public IntelligenceOptions withServingUrl(URI url) {
    return new IntelligenceOptions(url, servingTimeout, servingRetries, servingBatch,
        representationTtl, userVideos, userTags, userTtl, scoreStages, activeWithin, minVideos,
        maxCandidates, topN, pendingRoundTtl, riskRetryInterval, harmful);
  }

  public IntelligenceOptions withCandidates(
      Duration activeWithin, int minVideos, int maxCandidates, int topN) {
    return new IntelligenceOptions(servingUrl, servingTimeout, servingRetries, servingBatch,
        representationTtl, userVideos, userTags, userTtl, scoreStages, activeWithin, minVideos,
        maxCandidates, topN, pendingRoundTtl, riskRetryInterval, harmful);
  }

  public IntelligenceOptions withHarmful(List<HarmfulChallenge> list) {
    return new IntelligenceOptions(servingUrl, servingTimeout, servingRetries, servingBatch,
        representationTtl, userVideos, userTags, userTtl, scoreStages, activeWithin, minVideos,
        maxCandidates, topN, pendingRoundTtl, riskRetryInterval, list);
  }

  /** The resource's settings, then those of {@code override} (if given) on top. */
  public static IntelligenceOptions load(Path override) {
    return fromProperties(Settings.load(RESOURCE, override));
  }

  /**
   * Options from key/value pairs; missing keys take their default, unknown keys are refused.
   * Harmful descriptions are the {@code risk.harmful.<id>} keys in id order (an empty value
   * drops that id); with none at all, the default list.
   */
  public static IntelligenceOptions fromProperties(Properties p) {
    Set<String> unknown = new TreeSet<>();
    Map<String, String> harmfulById = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith(Keys.HARMFUL_PREFIX) && key.length() > Keys.HARMFUL_PREFIX.length()) {
        harmfulById.put(key, p.getProperty(key).strip());
      } else if (!Keys.ALL.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown intelligence option(s) " + unknown
          + "; known options are " + new TreeSet<>(Keys.ALL) + " and " + Keys.HARMFUL_PREFIX
          + "<id>");
    }
    List<HarmfulChallenge> harmful = new ArrayList<>();
    harmfulById.forEach((key, text) -> {
      if (!text.isEmpty()) {
        harmful.add(HarmfulChallenge.parse(key, text));
      }
    });
    return new IntelligenceOptions(
        uriOf(p, Keys.SERVING_URL, DEFAULT_SERVING_URL),
        Settings.duration(p, Keys.SERVING_TIMEOUT, DEFAULT_SERVING_TIMEOUT),
        Settings.integer(p, Keys.SERVING_RETRIES, DEFAULT_SERVING_RETRIES),
        Settings.integer(p, Keys.SERVING_BATCH, DEFAULT_SERVING_BATCH),
        Settings.duration(p, Keys.REPRESENTATION_TTL, DEFAULT_REPRESENTATION_TTL),
        Settings.integer(p, Keys.USER_VIDEOS, DEFAULT_USER_VIDEOS),
        Settings.integer(p, Keys.USER_TAGS, DEFAULT_USER_TAGS),
        Settings.duration(p, Keys.USER_TTL, DEFAULT_USER_TTL),
        stagesOf(p, Keys.SCORE_STAGES, DEFAULT_SCORE_STAGES),
        Settings.duration(p, Keys.ACTIVE_WITHIN, DEFAULT_ACTIVE_WITHIN),
        Settings.integer(p, Keys.MIN_VIDEOS, DEFAULT_MIN_VIDEOS),
        Settings.integer(p, Keys.MAX_CANDIDATES, DEFAULT_MAX_CANDIDATES),
        Settings.integer(p, Keys.TOP_N, DEFAULT_TOP_N),
        Settings.duration(p, Keys.PENDING_ROUND_TTL, DEFAULT_PENDING_ROUND_TTL),
        Settings.duration(p, Keys.RISK_RETRY_INTERVAL, DEFAULT_RISK_RETRY_INTERVAL),
        harmfulById.isEmpty() ? DEFAULT_HARMFUL : harmful);
  }

  /** The option keys, as the properties files spell them. */
  public static final class Keys {
    public static final String SERVING_URL = "serving.url";
    public static final String SERVING_TIMEOUT = "serving.timeout";
    public static final String SERVING_RETRIES = "serving.retries";
    public static final String SERVING_BATCH = "serving.batch";
    public static final String REPRESENTATION_TTL = "representation.ttl";
    public static final String USER_VIDEOS = "user.videos";
    public static final String USER_TAGS = "user.tags";
    public static final String USER_TTL = "user.ttl";
    public static final String SCORE_STAGES = "participation.stages";
    public static final String ACTIVE_WITHIN = "participation.active-within";
    public static final String MIN_VIDEOS = "participation.min-videos";
    public static final String MAX_CANDIDATES = "participation.max-candidates";
    public static final String TOP_N = "participation.top-n";
    public static final String PENDING_ROUND_TTL = "participation.pending-round-ttl";
    public static final String RISK_RETRY_INTERVAL = "risk.retry-interval";
    public static final String HARMFUL_PREFIX = "risk.harmful.";

    static final Set<String> ALL = Set.of(SERVING_URL, SERVING_TIMEOUT, SERVING_RETRIES,
        SERVING_BATCH, REPRESENTATION_TTL, USER_VIDEOS, USER_TAGS, USER_TTL, SCORE_STAGES,
        ACTIVE_WITHIN, MIN_VIDEOS, MAX_CANDIDATES, TOP_N, PENDING_ROUND_TTL,
        RISK_RETRY_INTERVAL);

    private Keys() {}
  }

  private static URI uriOf(Properties p, String key, URI dflt) {
    String v = p.getProperty(key);
    if (v == null) {
      return dflt;
    }
    try {
      URI uri = URI.create(v.strip());
      if (uri.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": '" + v + "' is not a URL like "
          + DEFAULT_SERVING_URL);
    }
  }

  private static Set<Stage> stagesOf(Properties p, String key, Set<Stage> dflt) {
    String v = p.getProperty(key);
    if (v == null) {
      return dflt;
    }
    Set<Stage> stages = EnumSet.noneOf(Stage.class);
    for (String s : v.split(",")) {
      if (s.isBlank()) {
        continue;
      }
      try {
        stages.add(Stage.valueOf(s.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ": '" + s.strip() + "' is not a stage; stages are "
            + List.of(Stage.values()));
      }
    }
    return stages;
  }
}
