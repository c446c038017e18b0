package io.challengeradar.training.task;

import io.challengeradar.serving.model.ModelKind;
import io.challengeradar.serving.model.PostFeatures;
import io.challengeradar.serving.wire.AuthorTrack;
import io.challengeradar.serving.wire.Wire;
import io.challengeradar.training.data.AuthorHistoryReplay;
import io.challengeradar.training.data.TrendingData;
import io.challengeradar.training.data.VnFeedData;
import io.challengeradar.training.report.RunReport;
import io.challengeradar.training.store.HeadRegistrar;
import io.challengeradar.training.text.Embedder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Virality (seeds 000, 001, 004) on {@code tiktok-vn-feed-recrawl-2025}, the one data set with
 * follower counts, post times, durations, sound originality and captions together. Two labels:
 * viral or not from views over followers (seed 000; the cut is the training rows' median ratio,
 * so the classes are balanced as seed 000's resampling made them) and log views (seeds 001, 004).
 * Three splits as seed 004: by time, by user, random; logistic/linear regression on the metadata
 * is the baseline.
 *
 * <p>This class holds what the heads take (the features and the declared inputs) and reads the
 * run top to bottom in {@link #run}: {@link ViralityData} reads the data sets, {@link
 * PostOnlySplits} runs the three split protocols with the post-only heads, {@link
 * AuthorHistorySplits} the author-history head, the served pair and the history-only baseline
 * ({@link HistoryOnlyBaseline}), {@link ViralityReport} writes the report, and the model is
 * registered here.
 */
public final class ViralityTask implements TrainingTask {

  public static final String NAME = "virality";
  public static final String DATA_SET = "tiktok-vn-feed-recrawl-2025";
  public static final double TEST_SHARE = 0.2;

  /** The metadata features, in the order the head takes them after the caption vector. */
  public static final List<String> FEATURES =
      List.of(
          "log_followers",
          "caption_chars",
          "hashtag_count",
          "music_original",
          "duration_sec",
          "hour_sin",
          "hour_cos",
          "weekday_sin",
          "weekday_cos",
          "log_age_hours");

  /**
   * The author-history head's features after the caption vector: the post's own, then the
   * author's earlier videos ({@link PostFeatures#AUTHOR_HISTORY}).
   */
  public static final List<String> FEATURES_WITH_HISTORY = concat(FEATURES, PostFeatures.AUTHOR_HISTORY);

  /** The file of the post-only head inside a version that also has the author-history head. */
  public static final String POST_ONLY_FILE = "post-only.json";

  /**
   * The settling time of the experiment that moves each observation back to at most this long
   * after its post (see {@link AuthorHistoryReplay#of}); not served.
   */
  static final long SETTLE_MILLIS = java.time.Duration.ofDays(7).toMillis();

  /** The features of a trending video: what both trending dumps have. */
  public static final List<String> TRENDING_FEATURES =
      List.of(
          "caption_chars",
          "hashtag_count",
          "duration_sec",
          "hour_sin",
          "hour_cos",
          "weekday_sin",
          "weekday_cos");

  /**
   * The head's declared input ({@code input.*} in its model.properties, see HeadInputs): the
   * caption vector, then {@link #FEATURES}.
   */
  public static Map<String, String> headInputs() {
    return Map.of("input.encoder", Embedder.ENCODER_NAME, "input.layout", "vector",
        "input.features", String.join(",", FEATURES));
  }

  /**
   * The declared input of a version with two heads: the author-history head ({@code head.json},
   * {@link #FEATURES_WITH_HISTORY}) for posts whose author has history, and the post-only head
   * ({@link #POST_ONLY_FILE}, {@link #FEATURES}) for the rest.
   */
  public static Map<String, String> headInputsWithHistory() {
    return Map.of("input.encoder", Embedder.ENCODER_NAME, "input.layout", "vector",
        "input.features", String.join(",", FEATURES_WITH_HISTORY),
        "fallback.weights.file", POST_ONLY_FILE,
        "fallback.input.features", String.join(",", FEATURES));
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The metadata features of one video, as {@link #FEATURES} lists them: the serving tier's own
   * {@link PostFeatures}, so the head sees the same numbers when it scores new posts.
   */
  public static float[] features(VnFeedData.Video v) {
    return PostFeatures.vector(FEATURES, input(v));
  }

  /**
   * The author-history head's features of one video ({@link #FEATURES_WITH_HISTORY}), with the
   * author's history as {@link AuthorHistoryReplay} replays it: the same {@link PostFeatures} the
   * serving tier applies to the history the job sends.
   */
  public static float[] features(VnFeedData.Video v, Wire.AuthorHistory history) {
    return PostFeatures.vector(FEATURES_WITH_HISTORY, input(v).withAuthorHistory(history));
  }

  private static PostFeatures.Input input(VnFeedData.Video v) {
    return PostFeatures.Input.atPost(
            v.caption(), v.hashtags().size(), v.durationSec(), v.followers(),
            Instant.ofEpochSecond(v.postedAt()))
        .withMusicOriginal(v.musicOriginal())
        .withAgeHours((v.scrapedAt() - v.postedAt()) / 3600.0);
  }

  /** The features of one trending video, as {@link #TRENDING_FEATURES} lists them. */
  public static float[] features(TrendingData.Video v) {
    float[] t = timeOfWeek(v.postedAt());
    return new float[] {v.caption().length(), v.hashtags().size(), v.durationSec(), t[0], t[1], t[2], t[3]};
  }

  /** Hour of day and day of week as points on circles (sin, cos), read as UTC. */
  static float[] timeOfWeek(long postedAt) {
    ZonedDateTime t = Instant.ofEpochSecond(postedAt).atZone(ZoneOffset.UTC);
    double hour = (t.getHour() + t.getMinute() / 60.0) / 24 * 2 * Math.PI;
    double day = (t.getDayOfWeek().getValue() - 1) / 7.0 * 2 * Math.PI;
    return new float[] {
      (float) Math.sin(hour), (float) Math.cos(hour), (float) Math.sin(day), (float) Math.cos(day)
    };
  }

  @Override
  public TaskResult run(TaskContext ctx) throws Exception {
    ViralityData data = ViralityData.read(ctx);
    Map<String, float[]> vectors;
    int dim;
    try (Embedder embedder = Embedder.open(ctx.store(), ctx.cacheDir())) {
      vectors = embedder.embed(data.captions(), "captions");
      dim = embedder.dimension();
    }
    float[] zero = new float[dim];
    List<VnFeedData.Video> videos = data.videos();
    ViralityRows vn = ViralityRows.of(DATA_SET, videos, vectors, zero, ViralityTask::features,
        v -> (double) v.views() / Math.max(1, v.followers()));
    List<PostOnlySplits.Result> postOnly = PostOnlySplits.evaluate(ctx, vn);
    // The author's history as the job's state holds it (observations as the data has them), and
    // an experiment with observations moved back to a week after each post.
    Wire.AuthorHistory[] asObserved = AuthorHistoryReplay.replay(
        AuthorHistoryReplay.of(videos, 0), AuthorTrack.DEFAULT_MAX_VIDEOS);
    Wire.AuthorHistory[] settled = AuthorHistoryReplay.replay(
        AuthorHistoryReplay.of(videos, SETTLE_MILLIS), AuthorTrack.DEFAULT_MAX_VIDEOS);
    List<AuthorHistorySplits.Result> withHistory =
        AuthorHistorySplits.evaluate(ctx, "as observed", vn, videos, asObserved, postOnly);
    List<AuthorHistorySplits.Result> withSettled =
        AuthorHistorySplits.evaluate(ctx, "settled after 7 days", vn, videos, settled, postOnly);
    List<PostOnlySplits.Result> trending = new ArrayList<>();
    for (Map.Entry<String, List<TrendingData.Video>> e : data.trending().entrySet()) {
      trending.addAll(PostOnlySplits.evaluate(ctx,
          ViralityRows.of(e.getKey(), e.getValue(), vectors, zero, ViralityTask::features, v -> v.views())));
    }
    ViralityRun run = new ViralityRun(data, postOnly, withHistory, withSettled, trending);

    Path dir = RunSupport.runDir(ctx, NAME);
    RunReport report = ViralityReport.write(ctx, run, dir);
    Path modelDir = register(ctx, run, dir);
    ctx.log().println("virality: " + report.headlineLine() + "; report " + dir + "; model " + modelDir);
    return new TaskResult(NAME, report.headline(), dir, modelDir);
  }

  /**
   * Adds this run's model to the store: the pair (author-history head, post-only head as
   * fallback) where {@link ViralityRun#authorHistoryServed}, else the post-only head; both of the
   * random split.
   */
  private static Path register(TaskContext ctx, ViralityRun run, Path dir) throws IOException {
    PostOnlySplits.Result random = run.postOnly().get(PostOnlySplits.RANDOM);
    AuthorHistorySplits.Result servedRandom = run.observed().get(PostOnlySplits.RANDOM);
    Map<String, String> props = new LinkedHashMap<>();
    props.put("task", NAME);
    props.put("output", "probability that views / followers reaches label.ratio.cut");
    props.put("label.ratio.cut", Double.toString(random.ratioCut()));
    Path modelDir;
    if (run.authorHistoryServed()) {
      props.putAll(headInputsWithHistory());
      props.put("threshold", Double.toString(servedRandom.threshold()));
      props.put("fallback.threshold", Double.toString(random.threshold()));
      modelDir = new HeadRegistrar(ctx.store()).register(NAME, ModelKind.VIRALITY_HEAD,
          servedRandom.classifier(), Map.of(POST_ONLY_FILE, random.classifier()), props, dir);
    } else {
      props.putAll(headInputs());
      props.put("threshold", Double.toString(random.threshold()));
      modelDir = new HeadRegistrar(ctx.store()).register(NAME, ModelKind.VIRALITY_HEAD,
          random.classifier(), props, dir);
    }
    return modelDir;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
