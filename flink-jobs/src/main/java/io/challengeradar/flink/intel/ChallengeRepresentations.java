package io.challengeradar.flink.intel;

import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.ops.ReasonCounters;
import io.challengeradar.serving.client.ServingClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by challenge ({@code <kind>:<tag>}): keeps the running mean of the caption embeddings of
 * the challenge's videos, and assesses each of its alerts with it. Risk is the highest cosine
 * similarity to the harmful-challenge descriptions, which are embedded once through the serving
 * tier when the operator opens. If the serving tier cannot embed them, alerts go on with risk
 * null (counted), and an alert at most every {@code risk.retry-interval} tries again: the job
 * never fails for it.
 *
 * <p>An alert waits until the watermark of both inputs passes its detection time, so that its
 * representation holds every video posted before it whose enrichment is not late: the enrichments
 * come through the serving tier, the alerts through the trend windows, and either may be ahead.
 *
 * <p>State per challenge is one sum vector and a count, dropped after {@code representation.ttl}
 * (processing time) without a new video, plus the alerts waiting for the watermark (each has a
 * timer that releases it).
 */
public final class ChallengeRepresentations
    extends KeyedCoProcessFunction<String, TagVector, ChallengeAlert, ChallengeAssessment> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ChallengeRepresentations.class);

  public static final String REPRESENTATION_STATE = "challenge-representation";
  public static final String WAITING_STATE = "alerts-waiting";

  private final List<HarmfulChallenge> harmful;
  private final Duration ttl;
  private final long retryIntervalMillis;
  private final ServingCalls.Factory serving;

  private transient ValueState<RunningMean> representation;
  private transient ListState<ChallengeAlert> waiting;
  private transient ServingCalls calls;
  private transient RiskScorer risk;
  private transient long nextDescriptionAttempt;
  private transient ReasonCounters outcomes;

  public ChallengeRepresentations(IntelligenceOptions options, ServingCalls.Factory serving) {
    this.harmful = options.harmful();
    this.ttl = options.representationTtl();
    this.retryIntervalMillis = options.riskRetryInterval().toMillis();
    this.serving = serving;
  }

  @Override
  public void open(OpenContext ctx) {
    ValueStateDescriptor<RunningMean> desc = new ValueStateDescriptor<>(REPRESENTATION_STATE,
        TypeInformation.of(RunningMean.class));
    desc.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
    representation = getRuntimeContext().getState(desc);
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>(WAITING_STATE,
        TypeInformation.of(ChallengeAlert.class)));
    outcomes = new ReasonCounters(getRuntimeContext().getMetricGroup(), "representations");
    calls = serving.open();
    // Failing here leaves the next attempt to the first alert, whatever its time.
    nextDescriptionAttempt = Long.MIN_VALUE;
    embedDescriptions();
  }

  @Override
  public void close() {
    if (calls != null) {
      calls.close();
    }
  }

  /** Whether the descriptions are embedded now. */
  private boolean embedDescriptions() {
    if (harmful.isEmpty()) {
      return false;
    }
    try {
      List<float[]> vectors = calls.embed(harmful.stream().map(HarmfulChallenge::text).toList());
      risk = new RiskScorer(harmful, vectors);
      outcomes.inc("descriptions-embedded");
      return true;
    } catch (ServingClientException e) {
      outcomes.inc("descriptions-unavailable");
      LOG.warn("cannot embed the {} harmful-challenge descriptions, alerts go without risk for"
          + " now: {}", harmful.size(), e.getMessage());
      return false;
    }
  }

  @Override
  public void processElement1(TagVector v, Context ctx, Collector<ChallengeAssessment> out)
      throws Exception {
    RunningMean current = representation.value();
    try {
      representation.update(current == null ? RunningMean.of(v.embedding())
          : current.plus(v.embedding()));
      outcomes.inc("videos");
    } catch (IllegalArgumentException otherEncoder) {
      // An encoder of another size was deployed: its vectors cannot be averaged with these.
      outcomes.inc("videos-wrong-dimension");
    }
  }

  @Override
  public void processElement2(ChallengeAlert alert, Context ctx,
      Collector<ChallengeAssessment> out) throws Exception {
    long at = alert.detectedAt().toEpochMilli();
    if (ctx.timerService().currentWatermark() >= at) {
      assess(alert, ctx.timerService().currentProcessingTime(), out);
      return;
    }
    waiting.add(alert);
    ctx.timerService().registerEventTimeTimer(at);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChallengeAssessment> out)
      throws Exception {
    List<ChallengeAlert> later = new ArrayList<>();
    List<ChallengeAlert> due = new ArrayList<>();
    for (ChallengeAlert a : waiting.get()) {
      (a.detectedAt().toEpochMilli() <= timestamp ? due : later).add(a);
    }
    due.sort(Comparator.comparing(ChallengeAlert::detectedAt));
    for (ChallengeAlert a : due) {
      assess(a, ctx.timerService().currentProcessingTime(), out);
    }
    waiting.update(later);
  }

  private void assess(ChallengeAlert alert, long now, Collector<ChallengeAssessment> out)
      throws Exception {
    RunningMean current = representation.value();
    if (current == null) {
      outcomes.inc("alerts-without-representation");
      out.collect(new ChallengeAssessment(alert, null, 0, null, null));
      return;
    }
    float[] mean = current.mean();
    if (risk == null && !harmful.isEmpty() && now >= nextDescriptionAttempt
        && !embedDescriptions()) {
      nextDescriptionAttempt = now + retryIntervalMillis;
    }
    RiskScorer.Risk r = risk == null ? null : risk.assess(mean);
    outcomes.inc(r == null ? "alerts-without-risk" : "alerts-assessed");
    out.collect(new ChallengeAssessment(alert, mean, current.count(),
        r == null ? null : r.score(), r == null ? null : r.nearest()));
  }
}
