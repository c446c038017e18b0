package io.challengeradar.flink.intel;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.Secret;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.config.OptionType;
import io.challengeradar.config.OptionTypes;
import io.challengeradar.contract.Stage;
import io.challengeradar.serving.client.ClientOptions;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of the challenge intelligence (representations, risk, participation
 * predictions). Each is an {@link Option} defined here ({@code intelligence.*}); the serving
 * tier is the enrichment's ({@code serving.url}), so the intelligence runs only where the
 * enrichment does.
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
 * @param servingToken the bearer token sent to the serving tier; null: none (printed masked)
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
    List<HarmfulChallenge> harmful,
    Secret servingToken)
    implements Serializable {

  /** "Name: what participants do" entries, separated by semicolons. */
  static final OptionType<List<HarmfulChallenge>> HARMFUL_LIST = OptionTypes.type(
      "harmful list",
      text -> OptionTypes.listOf(";", "list").parse(text).stream()
          .map(entry -> HarmfulChallenge.parse("entry", entry)).toList(),
      list -> list.stream().map(h -> h.name() + ": " + h.description())
          .collect(Collectors.joining("; ")));

  public static final Option<Boolean> ENABLED = Option.key("intelligence.enabled").booleanType()
      .defaultValue(true)
      .description("Challenge representations, alert risk and participation predictions, on top"
          + " of the enrichment (which needs serving.url).");
  public static final Option<Duration> SERVING_TIMEOUT = Option.key("intelligence.serving.timeout")
      .durationType().defaultValue(Duration.ofSeconds(5)).positive()
      .description("Limit per call to the serving tier; a call blocks its task thread, so calls"
          + " are short and retried little.");
  public static final Option<Integer> SERVING_RETRIES = Option.key("intelligence.serving.retries")
      .intType().defaultValue(1).notNegative()
      .description("Retries of a call that found the serving tier unreachable or busy.");
  public static final Option<Integer> SERVING_BATCH = Option.key("intelligence.serving.batch")
      .intType().defaultValue(64).positive()
      .description("Most items per call (larger calls are split).");
  public static final Option<Duration> REPRESENTATION_TTL =
      Option.key("intelligence.representation.ttl").durationType()
          .defaultValue(Duration.ofDays(30)).positive()
          .description("A hashtag's or sound's representation (mean caption embedding of its"
              + " videos) is dropped after this long without a new video (processing time).");
  public static final Option<Integer> USER_VIDEOS = Option.key("intelligence.user.videos")
      .intType().defaultValue(8).positive()
      .description("Latest videos kept per author: the user representation is the mean of those"
          + " outside the challenge.");
  public static final Option<Integer> USER_TAGS = Option.key("intelligence.user.tags").intType()
      .defaultValue(64).positive()
      .description("Distinct tags remembered per author, so that users who joined are not"
          + " candidates.");
  public static final Option<Duration> USER_TTL = Option.key("intelligence.user.ttl")
      .durationType().defaultValue(Duration.ofDays(30)).positive()
      .description("An author's videos are dropped after this long without a new one"
          + " (processing time).");
  public static final Option<Set<Stage>> SCORE_STAGES =
      Option.key("intelligence.participation.stages").enumSetType(Stage.class)
          .defaultValue(Set.copyOf(EnumSet.of(Stage.EMERGING, Stage.ACCELERATING)))
          .description("Alert stages that start a participation scoring round (comma-separated;"
              + " empty: never score).");
  public static final Option<Duration> ACTIVE_WITHIN =
      Option.key("intelligence.participation.active-within").durationType()
          .defaultValue(Duration.ofDays(7)).positive()
          .description("Candidates posted within this long (event time) before the alert.");
  public static final Option<Integer> MIN_VIDEOS =
      Option.key("intelligence.participation.min-videos").intType().defaultValue(2).positive()
          .description("Candidates have at least this many videos outside the challenge and none"
              + " with its tag.");
  public static final Option<Integer> MAX_CANDIDATES =
      Option.key("intelligence.participation.max-candidates").intType().defaultValue(500)
          .positive()
          .description("Most candidates scored per round, the most recently active first.");
  public static final Option<Integer> TOP_N = Option.key("intelligence.participation.top-n")
      .intType().defaultValue(20).positive()
      .description("Predictions written per round to radar-participation.");
  public static final Option<Duration> PENDING_ROUND_TTL =
      Option.key("intelligence.participation.pending-round-ttl").durationType()
          .defaultValue(Duration.ofHours(1)).positive()
          .description("A round whose scoring subtasks have not all answered after this long is"
              + " dropped (processing time); only a restore between their answers leaves one.");
  public static final Option<Duration> RISK_RETRY_INTERVAL =
      Option.key("intelligence.risk.retry-interval").durationType()
          .defaultValue(Duration.ofMinutes(1)).positive()
          .description("After the harmful descriptions could not be embedded, how long until an"
              + " alert tries again.");
  /** The three the virality study names, and better-known ones of the same kind. */
  public static final Option<List<HarmfulChallenge>> HARMFUL =
      Option.key("intelligence.risk.harmful").type(HARMFUL_LIST).defaultValue(List.of(
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
              "taking an overdose of antihistamine pills to hallucinate")))
          .description("Risk = highest cosine similarity of a challenge's representation to these"
              + " descriptions (\"Name: what participants do\", separated by semicolons);"
              + " nearestHarmful names the closest. Empty: no risk scores.");

  public static final OptionGroup GROUP = OptionGroup.of("intelligence",
      "Challenge and user representations, the risk of alerts and participation predictions;"
          + " they run where the enrichment runs (serving.url set).",
      ENABLED, CommonOptions.SERVING_URL, CommonOptions.SERVING_TOKEN, SERVING_TIMEOUT, SERVING_RETRIES, SERVING_BATCH,
      REPRESENTATION_TTL, USER_VIDEOS, USER_TAGS, USER_TTL, SCORE_STAGES, ACTIVE_WITHIN,
      MIN_VIDEOS, MAX_CANDIDATES, TOP_N, PENDING_ROUND_TTL, RISK_RETRY_INTERVAL, HARMFUL);

  public IntelligenceOptions {
    if (servingUrl == null) {
      throw new ConfigException(CommonOptions.SERVING_URL
          + " must be set for the intelligence (it calls the serving tier)");
    }
    if (minVideos > userVideos) {
      throw new ConfigException(MIN_VIDEOS + " must be at most " + USER_VIDEOS + " ("
          + userVideos + "), was " + minVideos);
    }
    scoreStages = Set.copyOf(scoreStages);
    harmful = List.copyOf(harmful);
  }

  /** The intelligence's settings in {@code c}; null when it is off (or has no serving tier). */
  public static IntelligenceOptions fromOrNull(Config c) {
    if (!c.get(ENABLED) || c.get(CommonOptions.SERVING_URL) == null) {
      return null;
    }
    return from(c);
  }

  /** The intelligence's settings in {@code c}, which must name the serving tier. */
  public static IntelligenceOptions from(Config c) {
    return new IntelligenceOptions(c.get(CommonOptions.SERVING_URL), c.get(SERVING_TIMEOUT),
        c.get(SERVING_RETRIES), c.get(SERVING_BATCH), c.get(REPRESENTATION_TTL),
        c.get(USER_VIDEOS), c.get(USER_TAGS), c.get(USER_TTL), c.get(SCORE_STAGES),
        c.get(ACTIVE_WITHIN), c.get(MIN_VIDEOS), c.get(MAX_CANDIDATES), c.get(TOP_N),
        c.get(PENDING_ROUND_TTL), c.get(RISK_RETRY_INTERVAL), c.get(HARMFUL),
        Secret.ofNullable(c.get(CommonOptions.SERVING_TOKEN)));
  }

  /** The defaults, calling the serving tier at {@code servingUrl}. */
  public static IntelligenceOptions defaults(URI servingUrl) {
    return from(Config.defaults(GROUP).with(CommonOptions.SERVING_URL, servingUrl, "caller"));
  }

  /** How the operators' serving clients talk to the serving tier. */
  public ClientOptions client() {
    return ClientOptions.of(servingUrl)
        .withMaxRetries(servingRetries)
        .withMaxBatch(servingBatch)
        .withRequestTimeout(servingTimeout)
        .withToken(Secret.valueOf(servingToken));
  }
}
