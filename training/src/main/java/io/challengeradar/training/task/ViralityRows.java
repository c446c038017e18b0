package io.challengeradar.training.task;

import io.challengeradar.training.data.ViewedVideo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * One data set's rows as the post-only evaluation needs them.
 *
 * @param full caption vector then metadata, per video
 * @param meta metadata only (the baselines' input)
 * @param logViews ln(1 + views), the regression target
 * @param ratio what the viral label cuts at the training median: views / followers where the
 *     followers are known, else views
 * @param times post times (the time split's order)
 * @param users authors (the user split's groups)
 */
record ViralityRows(
    String dataSet,
    float[][] full,
    float[][] meta,
    float[] logViews,
    double[] ratio,
    long[] times,
    String[] users) {

  /**
   * @param vectors caption vectors by caption
   * @param zero the caption vector of a blank caption
   * @param features a video's metadata
   * @param ratioOf what the viral label cuts
   */
  static <V extends ViewedVideo> ViralityRows of(String dataSet, List<V> videos,
      Map<String, float[]> vectors, float[] zero, Function<V, float[]> features,
      ToDoubleFunction<V> ratioOf) {
    int n = videos.size();
    float[][] full = new float[n][];
    float[][] meta = new float[n][];
    float[] logViews = new float[n];
    double[] ratio = new double[n];
    long[] times = new long[n];
    String[] users = new String[n];
    for (int i = 0; i < n; i++) {
      V v = videos.get(i);
      meta[i] = features.apply(v);
      float[] text = v.caption().isBlank() ? zero : vectors.get(v.caption());
      full[i] = RunSupport.concat(text, meta[i]);
      logViews[i] = (float) Math.log1p(v.views());
      ratio[i] = ratioOf.applyAsDouble(v);
      times[i] = v.postedAt();
      users[i] = v.user();
    }
    return new ViralityRows(dataSet, full, meta, logViews, ratio, times, users);
  }

  /** The caption vector of row {@code i}: its full row without the {@code metaCount} metadata columns. */
  float[] caption(int i, int metaCount) {
    return Arrays.copyOf(full[i], full[i].length - metaCount);
  }
}
