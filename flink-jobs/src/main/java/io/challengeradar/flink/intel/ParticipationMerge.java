package io.challengeradar.flink.intel;

import io.challengeradar.flink.intel.LocalRanking.Round;
import io.challengeradar.flink.intel.LocalRanking.Scored;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.ops.ReasonCounters;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by round (the alert id): merges the scoring subtasks' answers, and once all have
 * answered writes the round's top N with ranks 1..N. A round any subtask could not score is
 * dropped whole (counted, one log line): a top N of some subtasks' users only would rank users
 * wrongly. The next alert of the challenge scores again.
 */
public final class ParticipationMerge
    extends KeyedProcessFunction<String, LocalRanking, ParticipationPrediction> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ParticipationMerge.class);

  public static final String PENDING_STATE = "pending-round";

  private final int topN;
  private final Duration pendingTtl;

  private transient ValueState<LocalRanking> pending;
  private transient ReasonCounters outcomes;

  public ParticipationMerge(IntelligenceOptions options) {
    this.topN = options.topN();
    this.pendingTtl = options.pendingRoundTtl();
  }

  @Override
  public void open(OpenContext ctx) {
    ValueStateDescriptor<LocalRanking> desc = new ValueStateDescriptor<>(PENDING_STATE,
        TypeInformation.of(LocalRanking.class));
    desc.enableTimeToLive(StateTtlConfig.newBuilder(pendingTtl).build());
    pending = getRuntimeContext().getState(desc);
    outcomes = new ReasonCounters(getRuntimeContext().getMetricGroup(), "participation-rounds");
  }

  @Override
  public void processElement(LocalRanking answer, Context ctx,
      Collector<ParticipationPrediction> out) throws Exception {
    LocalRanking before = pending.value();
    // One answer alone also goes through merge, for its top N.
    LocalRanking merged = before == null
        ? answer.merge(LocalRanking.none(answer.round(), answer.parallelism()), topN)
        : before.merge(answer, topN);
    if (!merged.complete()) {
      pending.update(merged);
      return;
    }
    pending.clear();
    if (merged.failed()) {
      outcomes.inc("unscored");
      LOG.warn("round {} of {}: the serving tier could not score every candidate; no"
          + " predictions this round", merged.round().id(), merged.round().challenge());
      return;
    }
    outcomes.inc("published");
    outcomes.inc("predictions", merged.predictions().length);
    Round round = merged.round();
    Instant roundAt = Instant.ofEpochMilli(round.atMillis());
    Instant scoredAt = Instant.ofEpochMilli(merged.scoredAtMillis());
    Scored[] best = merged.predictions();
    for (int i = 0; i < best.length; i++) {
      out.collect(new ParticipationPrediction(round.kind(), round.tag(), round.challenge(),
          best[i].userId(), best[i].probability(), i + 1, round.stage(), round.id(), roundAt,
          merged.model(), merged.modelVersion(), scoredAt, best[i].userVideos()));
    }
  }
}
