package io.challengeradar.flink.ops;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.ChallengeAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The lifecycle of one tag (keyed by tag): raises the matches of the four CEP patterns as alerts,
 * one stage transition per alert, forward only.
 *
 * <p>A cycle opens with EMERGING; its later stages come in the order ACCELERATING, PEAKED,
 * FADING (a stage may be passed over, never gone back to); FADING closes it, and only a later
 * EMERGING opens the next cycle, whose number the alerts carry. At most one alert per tag and
 * window: the matches of one window are gathered until the window's fire time (a timer: the CEP
 * operators emit them before the watermark passes it), then the earliest stage that may come next
 * is raised and the others wait for a later window of the tag, at most {@code
 * cep.max-delay-windows}; a match whose stage the tag has already passed in its cycle is dropped.
 * The decision depends only on the matches and the order of windows, so it is the same whatever
 * order the four pattern operators deliver in.
 */
public final class StageLifecycle extends KeyedProcessFunction<String, ChallengeAlert, ChallengeAlert> {
  private static final long serialVersionUID = 1L;

  public static final String WAITING_STATE = "lifecycle-waiting";
  public static final String POSITION_STATE = "lifecycle-position";

  /** Where a tag stands: its current stage (of cycle {@code cycle}) and the cycle number. */
  public record Position(Stage stage, int cycle) {
    /** Whether {@code next} may be raised now. */
    boolean allows(Stage next) {
      if (stage == null || stage == Stage.FADING) {
        return next == Stage.EMERGING;
      }
      return next.ordinal() > stage.ordinal();
    }

    Position after(Stage raised) {
      return new Position(raised, raised == Stage.EMERGING ? cycle + 1 : cycle);
    }
  }

  private static final Position NEVER = new Position(null, 0);

  private final PipelineOptions options;
  private final long sizeMillis;
  private final long latenessMillis;
  private final int maxDelayWindows;

  private transient MapState<String, ChallengeAlert> waiting;
  private transient ValueState<Position> position;

  public StageLifecycle(PipelineOptions options) {
    this.options = options;
    this.sizeMillis = options.windowSize().toMillis();
    this.latenessMillis = options.allowedLateness().toMillis();
    this.maxDelayWindows = options.cep().maxDelayWindows();
  }

  @Override
  public void open(OpenContext ctx) {
    StateTtlConfig ttl = StateTtlConfig.newBuilder(options.stateTtl()).build();
    waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>(WAITING_STATE,
        Types.STRING, TypeInformation.of(ChallengeAlert.class)));
    ValueStateDescriptor<Position> positionDesc =
        new ValueStateDescriptor<>(POSITION_STATE, TypeInformation.of(Position.class));
    positionDesc.enableTimeToLive(ttl);
    position = getRuntimeContext().getState(positionDesc);
  }

  /** When the window that ends at {@code end} is final (as in {@link TrendWindows}). */
  private long fireTime(Instant end) {
    return end.toEpochMilli() - 1 + latenessMillis;
  }

  @Override
  public void processElement(ChallengeAlert match, Context ctx, Collector<ChallengeAlert> out)
      throws Exception {
    // Keyed by stage and window: when the job catches up (or the input ends), the matches of
    // many windows of a tag arrive before the first of their timers fires.
    waiting.put(keyOf(match), match);
    ctx.timerService().registerEventTimeTimer(fireTime(match.detectedAt()));
  }

  private static String keyOf(ChallengeAlert match) {
    return match.stage().name() + "@" + match.detectedAt().toEpochMilli();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChallengeAlert> out)
      throws Exception {
    Instant windowEnd = Instant.ofEpochMilli(timestamp + 1 - latenessMillis);
    Position at = position.value() == null ? NEVER : position.value();
    List<ChallengeAlert> candidates = new ArrayList<>();
    for (ChallengeAlert a : waiting.values()) {
      candidates.add(a);
    }
    candidates.sort(Comparator.comparing(ChallengeAlert::stage)
        .thenComparing(ChallengeAlert::detectedAt));
    Instant oldest = windowEnd.minusMillis(maxDelayWindows * sizeMillis);
    ChallengeAlert raised = null;
    for (ChallengeAlert c : candidates) {
      if (c.detectedAt().isAfter(windowEnd)) {
        continue; // a later window's match: its own timer decides it
      }
      boolean passed = at.stage() != null && at.stage() != Stage.FADING
          && c.stage().ordinal() <= at.stage().ordinal();
      if (passed || c.detectedAt().isBefore(oldest)) {
        waiting.remove(keyOf(c));
      } else if (raised == null && at.allows(c.stage())) {
        raised = c;
      }
    }
    if (raised != null) {
      waiting.remove(keyOf(raised));
      Position next = at.after(raised.stage());
      position.update(next);
      out.collect(raised.raised(next.cycle(), windowEnd));
      if (raised.stage() == Stage.FADING) {
        // A new cycle needs a new EMERGING match: what waited up to now belongs to the closed
        // one; later windows' matches wait for their own timers.
        for (ChallengeAlert c : candidates) {
          if (!c.detectedAt().isAfter(windowEnd)) {
            waiting.remove(keyOf(c));
          }
        }
      }
    }
    for (ChallengeAlert c : waiting.values()) {
      if (!c.detectedAt().isAfter(windowEnd)) {
        // Something of this window or before still waits: look again at the next window.
        ctx.timerService().registerEventTimeTimer(timestamp + sizeMillis);
        break;
      }
    }
  }
}
