package io.challengeradar.flink;

import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static io.challengeradar.flink.TestEvents.snapshot;

import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Post;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A small, fixed scenario with one clear challenge: #dance gains 5, 8, 12 and 18 new authors in
 * four consecutive hours (EMERGING after the second, with {@link #options}), while #cooking is one
 * author posting once an hour (never a challenge). Every video has two engagement snapshots, 10 and 50 minutes after it
 * was posted; every other #dance video uses sound m1. Events are in event-time order.
 */
public final class ChallengeScenario {
  public static final long[] DANCE_NEW_AUTHORS = {5, 8, 12, 18};
  public static final int HOURS = DANCE_NEW_AUTHORS.length;
  public static final int VIDEOS = 5 + 8 + 12 + 18 + HOURS;
  public static final int EVENTS = VIDEOS * 3;

  private ChallengeScenario() {}

  public static List<Event> events() {
    List<Event> events = new ArrayList<>();
    for (int h = 0; h < HOURS; h++) {
      long n = DANCE_NEW_AUTHORS[h];
      for (int j = 0; j < n; j++) {
        long at = h * 60L + j * 60L / n;
        String video = "dance-" + h + "-" + j;
        events.add(post(video, "dancer-" + h + "-" + j, minutes(at), j % 2 == 0 ? "m1" : null,
            "dance"));
        events.add(snapshot(video, minutes(at + 10), 100 + j));
        events.add(snapshot(video, minutes(at + 50), 1_000 + 10L * j));
      }
      String video = "cooking-" + h;
      long at = h * 60L + 30;
      events.add(post(video, "chef", minutes(at), null, "cooking"));
      events.add(snapshot(video, minutes(at + 10), 50));
      events.add(snapshot(video, minutes(at + 50), 80));
    }
    // Stable: a video's post stays before its snapshots when times tie.
    events.sort(Comparator.comparing(Event::eventTime));
    return events;
  }

  /**
   * The pipeline options for this scenario, then the given key/value pairs: no warm-up, each
   * window measured against the one before it, a prior share of a tenth of an average tag's and
   * low thresholds (the defaults need half a day of stream and a population of tags), so #dance,
   * almost the only tag, still surges against its own past.
   */
  public static PipelineOptions options(String... keyValues) {
    String[] base = {SurgeSettings.RECENT_WINDOWS.key(), "1",
        SurgeSettings.BASELINE_WINDOWS.key(), "1", SurgeSettings.WARMUP_WINDOWS.key(), "0",
        SurgeSettings.PRIOR_SHARE_SCALE.key(), "0.1", CepThresholds.MIN_SCORE.key(), "1.5",
        CepThresholds.MIN_LIFT.key(), "1.5", CepThresholds.MIN_NEW_PARTICIPANTS.key(), "3"};
    String[] all = new String[keyValues.length + base.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(keyValues, 0, all, base.length, keyValues.length);
    return ItPipelines.options(all);
  }

  public static boolean isPost(Event e) {
    return e instanceof Post;
  }
}
