package io.challengeradar.training.task;

import io.challengeradar.serving.model.MlpHead;
import io.challengeradar.serving.model.ModelSpec;
import io.challengeradar.serving.model.ModelStore;
import io.challengeradar.serving.model.TextEncoderOptions;
import io.challengeradar.training.data.DataresHistories;
import io.challengeradar.training.data.ParticipationBuilder;
import io.challengeradar.training.data.RowAccounting;
import io.challengeradar.training.data.Splits;
import io.challengeradar.training.data.VnFeedData;
import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.report.Fmt;
import io.challengeradar.training.text.Embedder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * How much the quantized text encoder ({@value TextEncoderOptions#QUANTIZED_NAME}) gives up
 * against the full one ({@value TextEncoderOptions#FULL_NAME}), which the shipped heads were
 * trained on: {@code radar evaluate encoder}.
 *
 * <ul>
 *   <li>cosine similarity of the two vectors of the same caption, over {@value #CAPTIONS} real
 *       captions drawn (seeded) from {@value ViralityTask#DATA_SET}: median, 1st percentile, least;
 *   <li>the shipped heads' figures with each encoder's vectors, the heads as they are (not
 *       retrained): the virality head on its task's random split test part (accuracy, F1; the
 *       training report's headline) and the participation head on its time split test part
 *       (macro F1: the head was trained on that split's training pairs).
 * </ul>
 *
 * <p>With the full encoder the heads' figures are the training run's own, which checks that the
 * test parts are rebuilt exactly; the quantized column is then the change a switch of encoder
 * makes to what serving answers.
 */
public final class EncoderComparison {

  public static final int CAPTIONS = 1_000;
  private static final List<String> ENCODERS =
      List.of(TextEncoderOptions.FULL_NAME, TextEncoderOptions.QUANTIZED_NAME);

  private EncoderComparison() {}

  /** Every figure, as one JSON-ready map. */
  public static Map<String, Object> run(TaskContext ctx) throws Exception {
    long seed = ctx.options().seed();
    RowAccounting vnRows = new RowAccounting(ViralityTask.DATA_SET);
    List<VnFeedData.Video> videos = VnFeedData.read(ctx.dataSet(ViralityTask.DATA_SET),
        List.of(VnFeedData.FEED, VnFeedData.HISTORIES), vnRows);
    List<String> sample = sample(videos, seed);

    RowAccounting pRows = new RowAccounting(ParticipationTask.DATA_SET);
    ParticipationBuilder builder = new ParticipationBuilder(
        DataresHistories.read(ctx.dataSet(ParticipationTask.DATA_SET), pRows),
        ParticipationBuilder.Options.defaults(seed));
    ParticipationBuilder.Dataset timeTest = builder.byTime(ParticipationTask.TEST_SHARE).test();
    Set<String> pairTexts = new LinkedHashSet<>();
    for (ParticipationBuilder.Pair p : timeTest.pairs()) {
      pairTexts.addAll(p.userTexts());
      pairTexts.addAll(p.challengeTexts());
    }
    Splits.Split viralSplit = Splits.random(videos.size(), ViralityTask.TEST_SHARE, seed);
    List<String> viralTexts = new ArrayList<>();
    for (int i : viralSplit.test()) {
      if (!videos.get(i).caption().isBlank()) {
        viralTexts.add(videos.get(i).caption());
      }
    }

    ModelStore store = new ModelStore(ctx.store(), null);
    ModelSpec virality = head(store, ViralityTask.NAME);
    ModelSpec participation = head(store, ParticipationTask.NAME);
    Map<String, Map<String, float[]>> sampled = new LinkedHashMap<>();
    Map<String, Object> perEncoder = new LinkedHashMap<>();
    for (String encoder : ENCODERS) {
      Map<String, Object> figures = new LinkedHashMap<>();
      try (Embedder embedder = Embedder.open(ctx.store(), ctx.cacheDir(), encoder)) {
        sampled.put(encoder, embedder.embed(sample, encoder + " sample"));
        Map<String, float[]> vectors = embedder.embed(viralTexts, encoder + " virality test part");
        Confusion v = viralityTest(virality, videos, viralSplit, vectors, embedder.dimension());
        figures.put("virality_accuracy", Fmt.r4(v.accuracy()));
        figures.put("virality_f1", Fmt.r4(v.f1()));
        Map<String, float[]> pv =
            embedder.embed(new ArrayList<>(pairTexts), encoder + " participation test part");
        Confusion p = participationTest(participation, timeTest, pv);
        figures.put("participation_time_split_macro_f1", Fmt.r4(p.macroF1()));
      }
      perEncoder.put(encoder, figures);
    }

    double[] cos = new double[sample.size()];
    for (int i = 0; i < cos.length; i++) {
      String c = sample.get(i);
      cos[i] = dot(sampled.get(ENCODERS.get(0)).get(c), sampled.get(ENCODERS.get(1)).get(c));
    }
    Arrays.sort(cos);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("captions", cos.length);
    out.put("captions_from", ViralityTask.DATA_SET);
    out.put("cosine_median", Fmt.r4(quantile(cos, 0.5)));
    out.put("cosine_p01", Fmt.r4(quantile(cos, 0.01)));
    out.put("cosine_min", Fmt.r4(cos[0]));
    out.put("heads", Map.of(ViralityTask.NAME, virality.version(),
        ParticipationTask.NAME, participation.version()));
    out.put("encoders", perEncoder);
    return out;
  }

  /** {@value #CAPTIONS} distinct non-blank captions, a seeded draw. */
  private static List<String> sample(List<VnFeedData.Video> videos, long seed) {
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(videos.stream()
        .map(VnFeedData.Video::caption).filter(c -> !c.isBlank()).toList()));
    Collections.shuffle(distinct, new Random(seed));
    return distinct.subList(0, Math.min(CAPTIONS, distinct.size()));
  }

  private static ModelSpec head(ModelStore store, String task) throws IOException {
    return store.newest(task).orElseThrow(
        () -> new IOException("no " + task + " head in " + store.root() + "; run: radar train " + task));
  }

  /** The virality head on the test part, labelled by its own ratio cut, at its own threshold. */
  private static Confusion viralityTest(ModelSpec spec, List<VnFeedData.Video> videos,
      Splits.Split split, Map<String, float[]> vectors, int dim) throws IOException {
    MlpHead head = MlpHead.read(spec.file("weights.file", MlpHead.FILE));
    double cut = Double.parseDouble(spec.string("label.ratio.cut", "NaN"));
    double threshold = Double.parseDouble(spec.string("threshold", "0.5"));
    float[] zero = new float[dim];
    int[] test = split.test();
    float[] scores = new float[test.length];
    float[] labels = new float[test.length];
    for (int k = 0; k < test.length; k++) {
      VnFeedData.Video v = videos.get(test[k]);
      float[] text = v.caption().isBlank() ? zero : vectors.get(v.caption());
      scores[k] = head.score(RunSupport.concat(text, ViralityTask.features(v)));
      labels[k] = (double) v.views() / Math.max(1, v.followers()) >= cut ? 1 : 0;
    }
    return Confusion.of(scores, labels, threshold);
  }

  private static Confusion participationTest(ModelSpec spec, ParticipationBuilder.Dataset test,
      Map<String, float[]> vectors) throws IOException {
    MlpHead head = MlpHead.read(spec.file("weights.file", MlpHead.FILE));
    double threshold = Double.parseDouble(spec.string("threshold", "0.5"));
    ParticipationTask.Rows rows = ParticipationTask.rows(test, vectors);
    float[] scores = new float[rows.pair().length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = head.score(rows.pair()[i]);
    }
    return Confusion.of(scores, rows.y(), threshold);
  }

  private static double quantile(double[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
