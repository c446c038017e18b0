package io.challengeradar.flink.enrich;

import io.challengeradar.flink.model.SourcedEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Lets only the first post of each video through to enrichment (keyed by videoId), so duplicates
 * cost no serving call. VideoJoin ignores answers after the first anyway; this only saves work.
 */
public final class FirstPosts extends RichFilterFunction<SourcedEvent> {
  private static final long serialVersionUID = 1L;
  public static final String SEEN_STATE = "seen";

  private final Duration stateTtl;
  private transient ValueState<Boolean> seen;

  public FirstPosts(Duration stateTtl) {
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext ctx) {
    ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>(SEEN_STATE, Types.BOOLEAN);
    d.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl).build());
    seen = getRuntimeContext().getState(d);
  }

  @Override
  public boolean filter(SourcedEvent post) throws Exception {
    if (seen.value() != null) {
      return false;
    }
    seen.update(true);
    return true;
  }
}
