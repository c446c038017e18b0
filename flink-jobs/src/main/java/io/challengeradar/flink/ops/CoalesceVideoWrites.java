package io.challengeradar.flink.ops;

import io.challengeradar.flink.model.VideoDocument;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.Collector;

/**
 * Holds each video's newest document for a processing-time interval and writes only that one, so
 * a video that changes several times within the interval (its post, then a burst of engagement
 * snapshots) costs Elasticsearch one write instead of one per change.
 *
 * <p>Keyed by video id. The first change of a video arms a timer {@code interval} ahead; later
 * changes before it fires replace the held document (the higher {@link VideoDocument#version()}
 * wins, so the write is the one Elasticsearch would have kept); the timer writes it and clears
 * the state. The held documents and the timers are keyed state, so a checkpoint holds what is
 * pending and a restore writes it: the index ends the same as without coalescing. At the end of a
 * bounded input every held document is written at once ({@link #endInput}): Flink drops
 * processing-time timers still pending when its input ends.
 */
public final class CoalesceVideoWrites
    extends KeyedProcessOperator<String, VideoDocument, VideoDocument> implements BoundedOneInput {

  static final ValueStateDescriptor<VideoDocument> HELD =
      new ValueStateDescriptor<>("held-video", TypeInformation.of(VideoDocument.class));
  static final ValueStateDescriptor<Long> DUE = new ValueStateDescriptor<>("held-until", Types.LONG);

  /** @param intervalMillis how long a video's first change waits for later ones, above 0 */
  public CoalesceVideoWrites(long intervalMillis) {
    super(new Hold(intervalMillis));
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("intervalMillis must be above 0, was " + intervalMillis);
    }
  }

  @Override
  public void endInput() throws Exception {
    getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE,
        VoidNamespaceSerializer.INSTANCE, HELD, (videoId, held) -> {
          // Not cleared: the keys are being walked; a restore from a checkpoint taken after the
          // end would write these again, which the external version makes harmless.
          VideoDocument d = held.value();
          if (d != null) {
            output.collect(new StreamRecord<>(d));
          }
        });
  }

  /** The per-video logic; the operator around it adds the flush at the end of input. */
  static final class Hold extends KeyedProcessFunction<String, VideoDocument, VideoDocument> {
    private final long intervalMillis;
    private transient ValueState<VideoDocument> held;
    private transient ValueState<Long> due;

    Hold(long intervalMillis) {
      this.intervalMillis = intervalMillis;
    }

    @Override
    public void open(org.apache.flink.api.common.functions.OpenContext context) {
      held = getRuntimeContext().getState(HELD);
      due = getRuntimeContext().getState(DUE);
    }

    @Override
    public void processElement(VideoDocument doc, Context ctx, Collector<VideoDocument> out)
        throws Exception {
      VideoDocument before = held.value();
      if (before == null || doc.version() >= before.version()) {
        held.update(doc);
      }
      if (due.value() == null) {
        long at = ctx.timerService().currentProcessingTime() + intervalMillis;
        ctx.timerService().registerProcessingTimeTimer(at);
        due.update(at);
      }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VideoDocument> out)
        throws Exception {
      VideoDocument doc = held.value();
      if (doc != null) {
        out.collect(doc);
      }
      held.clear();
      due.clear();
    }
  }
}
