package io.challengeradar.flink.intel;

import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.model.ChallengeAssessment;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The answer of scoring subtasks to one round: their best candidates, or that scoring failed.
 * Every subtask answers every round it scores, even with no candidates, so the merge knows when
 * all have answered; merged answers are the same type with {@code answers} added up.
 *
 * @param round the round this ranking answers
 * @param parallelism how many subtasks answer this round
 * @param answers how many of them this ranking holds
 * @param failed whether any of them could not score (serving down, no participation head)
 * @param predictions the best candidates, likeliest first, at most top N
 */
public record LocalRanking(
    Round round,
    int parallelism,
    int answers,
    boolean failed,
    String model,
    String modelVersion,
    long scoredAtMillis,
    Scored[] predictions) {

  /**
   * One scoring round: the alert that started it.
   *
   * @param id the alert's id
   * @param challenge {@code <kind>:<tag>}
   * @param atMillis the alert's detection time (event time)
   */
  public record Round(
      String id, String challenge, TagKind kind, String tag, Stage stage, long atMillis) {

    static Round of(ChallengeAssessment a) {
      return new Round(a.alert().id(), a.challenge(), a.alert().kind(), a.alert().tag(),
          a.alert().stage(), a.alert().detectedAt().toEpochMilli());
    }
  }

  /** One candidate's probability. */
  public record Scored(String userId, double probability, int userVideos) {}

  /** Likeliest first; equal probabilities by user id, so merges do not depend on arrival. */
  static final Comparator<Scored> LIKELIEST_FIRST =
      Comparator.comparingDouble(Scored::probability).reversed().thenComparing(Scored::userId);

  static LocalRanking answer(ChallengeAssessment a, int parallelism, boolean failed,
      String model, String modelVersion, long scoredAtMillis, Scored[] predictions) {
    return new LocalRanking(Round.of(a), parallelism, 1, failed, model, modelVersion,
        scoredAtMillis, predictions);
  }

  /** Both answers together, keeping the {@code topN} likeliest. */
  LocalRanking merge(LocalRanking other, int topN) {
    Scored[] all = Arrays.copyOf(predictions, predictions.length + other.predictions.length);
    System.arraycopy(other.predictions, 0, all, predictions.length, other.predictions.length);
    Arrays.sort(all, LIKELIEST_FIRST);
    return new LocalRanking(round, parallelism, answers + other.answers, failed || other.failed, model != null ? model : other.model,
        modelVersion != null ? modelVersion : other.modelVersion,
        Math.max(scoredAtMillis, other.scoredAtMillis),
        Arrays.copyOf(all, Math.min(topN, all.length)));
  }

  /** A ranking of {@code round} that holds no answer yet. */
  static LocalRanking none(Round round, int parallelism) {
    return new LocalRanking(round, parallelism, 0, false, null, null, Long.MIN_VALUE,
        new Scored[0]);
  }

  /** The key the answers of one round meet under. */
  String roundId() {
    return round.id();
  }

  boolean complete() {
    return answers >= parallelism;
  }
}
