package io.challengeradar.flink.ops;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.WindowStats;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns a match of one stage's pattern into a candidate alert; {@link StageLifecycle} decides
 * whether and when it is raised.
 */
public final class AlertOnMatch extends PatternProcessFunction<WindowStats, ChallengeAlert> {
  private static final long serialVersionUID = 1L;

  private final Stage stage;
  private final List<String> steps;
  private final int sampleSize;

  public AlertOnMatch(Stage stage, List<String> steps, int sampleSize) {
    this.stage = stage;
    this.steps = List.copyOf(steps);
    this.sampleSize = sampleSize;
  }

  @Override
  public void processMatch(
      Map<String, List<WindowStats>> match, Context ctx, Collector<ChallengeAlert> out) {
    List<WindowStats> windows = new ArrayList<>();
    for (String step : steps) {
      windows.addAll(match.getOrDefault(step, List.of()));
    }
    // Samples from the newest window first: the videos that made the stage visible.
    Set<String> samples = new LinkedHashSet<>();
    for (int i = windows.size() - 1; i >= 0 && samples.size() < sampleSize; i--) {
      for (String v : windows.get(i).sampleVideos()) {
        if (samples.size() < sampleSize) {
          samples.add(v);
        }
      }
    }
    out.collect(ChallengeAlert.match(stage, windows.toArray(new WindowStats[0]),
        samples.toArray(new String[0])));
  }
}
