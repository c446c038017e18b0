package io.challengeradar.flink.ops;

import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.model.WindowVolume;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The detector's measurement: each tag window (keyed by tag) with its share of the window's
 * volume against the tag's baseline share ({@link ShareMeter}). The volumes come from {@link
 * WindowVolumes}, broadcast to every subtask.
 *
 * <p>A tag window waits in state for a timer at its window's fire time. That timer fires when the
 * watermark of both inputs has passed the fire time, and the volume of the window is emitted
 * before its watermark on the broadcast side, so the volume is always there when the timer fires;
 * the tag's windows are measured in order. Every subtask sees the same volumes, so the figures do
 * not depend on the parallelism. Volumes of windows whose timers have all fired are dropped; the
 * first window of each kind is kept, for the warm-up.
 */
public final class ShareSurge
    extends KeyedBroadcastProcessFunction<String, WindowStats, WindowVolume, WindowStats> {
  private static final long serialVersionUID = 1L;

  public static final String PENDING_STATE = "share-pending";
  public static final String LEVEL_STATE = "share-level";
  public static final String LAST_WINDOW_STATE = "share-last-window";
  private static final String FIRST = "first:";

  /** Volumes per window ({@link WindowVolume#key()}) and the first window per kind. */
  public static final MapStateDescriptor<String, WindowVolume> VOLUMES = new MapStateDescriptor<>(
      "window-volumes", Types.STRING, TypeInformation.of(WindowVolume.class));

  private final PipelineOptions options;
  private final long sizeMillis;
  private final long latenessMillis;
  private final ShareMeter meter;

  private transient MapState<Long, WindowStats> pending;
  private transient ValueState<ShareMeter.Level> level;
  private transient ValueState<Long> lastWindow;

  public ShareSurge(PipelineOptions options) {
    this.options = options;
    this.sizeMillis = options.windowSize().toMillis();
    this.latenessMillis = options.allowedLateness().toMillis();
    this.meter = new ShareMeter(options.surge(), options.cep());
  }

  @Override
  public void open(OpenContext ctx) {
    StateTtlConfig ttl = StateTtlConfig.newBuilder(options.stateTtl()).build();
    pending = getRuntimeContext().getMapState(new MapStateDescriptor<>(PENDING_STATE, Types.LONG,
        TypeInformation.of(WindowStats.class)));
    ValueStateDescriptor<ShareMeter.Level> levelDesc =
        new ValueStateDescriptor<>(LEVEL_STATE, TypeInformation.of(ShareMeter.Level.class));
    levelDesc.enableTimeToLive(ttl);
    level = getRuntimeContext().getState(levelDesc);
    ValueStateDescriptor<Long> lastDesc = new ValueStateDescriptor<>(LAST_WINDOW_STATE, Types.LONG);
    lastDesc.enableTimeToLive(ttl);
    lastWindow = getRuntimeContext().getState(lastDesc);
  }

  /** When the window starting at {@code start} is final (as in {@link TrendWindows}). */
  private long fireTime(long start) {
    return start + sizeMillis - 1 + latenessMillis;
  }

  @Override
  public void processElement(WindowStats w, ReadOnlyContext ctx, Collector<WindowStats> out)
      throws Exception {
    long start = w.windowStart().toEpochMilli();
    pending.put(start, w);
    ctx.timerService().registerEventTimeTimer(fireTime(start));
  }

  @Override
  public void processBroadcastElement(WindowVolume v, Context ctx, Collector<WindowStats> out)
      throws Exception {
    org.apache.flink.api.common.state.BroadcastState<String, WindowVolume> volumes =
        ctx.getBroadcastState(VOLUMES);
    volumes.put(v.key(), v);
    WindowVolume first = volumes.get(FIRST + v.kind().wire());
    if (first == null || v.windowStartMillis() < first.windowStartMillis()) {
      volumes.put(FIRST + v.kind().wire(), v);
    }
    // Every timer at or before the watermark has fired on this subtask: those volumes are used.
    long watermark = ctx.currentWatermark();
    Iterator<Map.Entry<String, WindowVolume>> it = volumes.iterator();
    while (it.hasNext()) {
      Map.Entry<String, WindowVolume> e = it.next();
      if (!e.getKey().startsWith(FIRST) && fireTime(e.getValue().windowStartMillis()) < watermark) {
        it.remove();
      }
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowStats> out)
      throws Exception {
    long start = timestamp - latenessMillis - sizeMillis + 1;
    WindowStats w = pending.get(start);
    if (w == null) {
      return;
    }
    pending.remove(start);
    ReadOnlyBroadcastState<String, WindowVolume> volumes = ctx.getBroadcastState(VOLUMES);
    TagKind kind = w.kind();
    WindowVolume v = volumes.get(WindowVolume.key(kind, start));
    WindowVolume first = volumes.get(FIRST + kind.wire());
    long count = w.counts().newParticipants();
    // Without a volume (never, by the timers' order) the window is measured against itself alone
    // and cannot score.
    long volume = v == null ? count : v.newParticipants();
    long activeTags = v == null ? 1 : v.activeTags();
    boolean warm = v != null && first != null
        && (start - first.windowStartMillis()) / sizeMillis >= options.surge().warmupWindows();
    Long last = lastWindow.value();
    long skipped = last == null ? 0 : Math.max(0, (start - last) / sizeMillis - 1);
    ShareMeter.Level before = level.value();
    ShareMeter.Measured m = meter.next(before == null ? ShareMeter.Level.start() : before,
        skipped, count, volume, activeTags, warm);
    level.update(m.level());
    lastWindow.update(start);
    out.collect(w.withTrend(m.figures()));
  }
}
