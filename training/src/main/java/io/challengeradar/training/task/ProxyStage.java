package io.challengeradar.training.task;

import io.challengeradar.training.data.ParticipationBuilder;
import io.challengeradar.training.nn.EpochStats;
import io.challengeradar.training.nn.Projection;
import io.challengeradar.training.nn.ProxyObjective;
import io.challengeradar.training.nn.ProxyOptions;
import io.challengeradar.training.nn.ProxyTrainer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * deepChallenger's proxy tasks for one split of the participation pairs: learns a projection of the
 * frozen video vectors from the videos that the split's training pairs use, and nothing else.
 *
 * <ul>
 *   <li>video to challenge: each training challenge's pooled videos, labelled with the challenge;
 *   <li>video to user: each training user's pooled videos (the union over their training pairs,
 *       which never holds the paired challenge's videos), labelled with the user.
 * </ul>
 *
 * A video is known here by its text (the builder pools texts), so two videos of one user or one
 * challenge with the same text are one example.
 */
final class ProxyStage {

  static final String CHALLENGE = "video to challenge";
  static final String USER = "video to user";

  private ProxyStage() {}

  /** The two objectives built from {@code training} pairs only. */
  static List<ProxyObjective> objectives(List<ParticipationBuilder.Pair> training, Map<String, float[]> vectors) {
    Map<String, Set<String>> byChallenge = new TreeMap<>();
    Map<String, Set<String>> byUser = new TreeMap<>();
    for (ParticipationBuilder.Pair p : training) {
      byChallenge.computeIfAbsent(p.challenge(), c -> new LinkedHashSet<>()).addAll(p.challengeTexts());
      byUser.computeIfAbsent(p.user(), u -> new LinkedHashSet<>()).addAll(p.userTexts());
    }
    return List.of(objective(CHALLENGE, byChallenge, vectors), objective(USER, byUser, vectors));
  }

  private static ProxyObjective objective(String name, Map<String, Set<String>> byClass, Map<String, float[]> vectors) {
    List<float[]> inputs = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int label = 0;
    for (Set<String> texts : byClass.values()) {
      for (String t : texts) {
        float[] v = vectors.get(t);
        if (v == null) {
          throw new IllegalArgumentException(name + ": no vector for text '" + t + "'");
        }
        inputs.add(v);
        labels.add(label);
      }
      label++;
    }
    return new ProxyObjective(name, inputs.toArray(new float[0][]),
        labels.stream().mapToInt(Integer::intValue).toArray(), byClass.size());
  }

  /**
   * A trained proxy stage.
   *
   * @param objectives what it was trained on
   * @param projected every frozen vector of the run, projected
   * @param seconds wall time of the training
   */
  record Result(Projection projection, List<ProxyObjective> objectives, Map<String, float[]> projected, double seconds) {}

  /** Trains the projection on the {@code training} pairs' videos and projects every vector of {@code vectors}. */
  static Result run(TaskContext ctx, String label, ProxyOptions options,
      List<ParticipationBuilder.Pair> training, Map<String, float[]> vectors) {
    long start = System.nanoTime();
    List<ProxyObjective> objectives = objectives(training, vectors);
    Consumer<EpochStats> line = e -> ctx.log().printf(Locale.ROOT,
        "%s proxy epoch %d/%d  loss %.4f  val_loss %.4f  val_acc %.4f%n",
        label, e.epoch(), options.maxEpochs(), e.trainLoss(), e.validationLoss(), e.validationMetric());
    Projection projection = new ProxyTrainer(options, line).train(objectives);
    double seconds = (System.nanoTime() - start) / 1e9;
    ctx.log().printf(Locale.ROOT, "%s proxy kept epoch %d of %d in %.1f s%n", label, projection.bestEpoch(),
        projection.history().size(), seconds);
    return new Result(projection, objectives, projection.applyAll(vectors), seconds);
  }
}
