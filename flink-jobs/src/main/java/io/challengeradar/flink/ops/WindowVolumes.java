package io.challengeradar.flink.ops;

import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.model.WindowVolume;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sums the tag windows of one window (key {@code kind:windowStart}, see {@link
 * WindowVolume#key()}) into the window's volume, emitted once every tag window of it is in.
 *
 * <p>{@link TrendWindows} emits all tag windows of one window from timers at the same time, the
 * window's fire time, and each carries that time as its timestamp. The watermark that passes it
 * follows those records on every channel, so a timer at the record's timestamp fires only after
 * every subtask's tag windows of that window arrived: the sum is complete and the same at any
 * parallelism. Parallel-safe because the key spreads windows, not tags, over the subtasks.
 */
public final class WindowVolumes extends KeyedProcessFunction<String, WindowVolume, WindowVolume> {
  private static final long serialVersionUID = 1L;

  public static final String SUM_STATE = "window-volume";

  private transient ValueState<WindowVolume> sum;

  /** One tag window's part of its window's volume. */
  public static WindowVolume partOf(WindowStats w) {
    long fresh = w.counts().newParticipants();
    return new WindowVolume(w.kind(), w.windowStart().toEpochMilli(), fresh, fresh > 0 ? 1 : 0);
  }

  @Override
  public void open(OpenContext ctx) {
    sum = getRuntimeContext().getState(
        new ValueStateDescriptor<>(SUM_STATE, TypeInformation.of(WindowVolume.class)));
  }

  @Override
  public void processElement(WindowVolume part, Context ctx, Collector<WindowVolume> out)
      throws Exception {
    WindowVolume before = sum.value();
    if (before == null) {
      ctx.timerService().registerEventTimeTimer(ctx.timestamp());
      sum.update(part);
    } else {
      sum.update(new WindowVolume(part.kind(), part.windowStartMillis(),
          before.newParticipants() + part.newParticipants(),
          before.activeTags() + part.activeTags()));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowVolume> out)
      throws Exception {
    out.collect(sum.value());
    sum.clear();
  }
}
