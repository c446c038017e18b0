package io.challengeradar.flink.intel;

import io.challengeradar.contract.Stage;
import io.challengeradar.flink.intel.CandidateRules.Candidate;
import io.challengeradar.flink.intel.CandidateRules.Verdict;
import io.challengeradar.flink.intel.LocalRanking.Scored;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.ops.ReasonCounters;
import io.challengeradar.serving.client.ServingClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by author: keeps each author's latest videos ({@link UserHistory}) and, for every assessed
 * alert broadcast to all subtasks, scores this subtask's candidate users against the challenge
 * representation with the serving tier's participation head. Each subtask answers each round
 * with its top N ({@link LocalRanking}), or with a failed answer when the serving tier could not
 * score (counted, one log line); {@link ParticipationMerge} makes the global top N.
 *
 * <p>The serving call blocks this task thread, so a round is bounded: at most {@code
 * participation.max-candidates} users per round, split evenly over the subtasks (each scores its
 * most recently active share), sent in batches. Users are judged while the alert is processed:
 * a user who posted with the tag before that is no longer a candidate.
 *
 * <p>State per author: at most {@code user.videos} videos and {@code user.tags} tags, dropped
 * after {@code user.ttl} (processing time) without a new video.
 */
public final class ParticipationScoring
    extends KeyedBroadcastProcessFunction<String, UserVideo, ChallengeAssessment, LocalRanking> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ParticipationScoring.class);

  public static final String HISTORY_STATE = "user-history";

  /** Fewer recent users are dropped first; equal recency by user id, for stable rounds. */
  private static final Comparator<Candidate> LEAST_RECENT_FIRST =
      Comparator.comparingLong(Candidate::lastActiveMillis)
          .thenComparing(Candidate::userId, Comparator.reverseOrder());

  private final Set<Stage> scoreStages;
  private final CandidateRules rules;
  private final int maxVideos;
  private final int maxTags;
  private final Duration ttl;
  private final int maxCandidates;
  private final int topN;
  private final ServingCalls.Factory serving;

  private transient ValueStateDescriptor<UserHistory> historyDesc;
  private transient ValueState<UserHistory> history;
  private transient ServingCalls calls;
  private transient ReasonCounters outcomes;
  private transient int parallelism;

  public ParticipationScoring(IntelligenceOptions options, ServingCalls.Factory serving) {
    this.scoreStages = options.scoreStages();
    this.rules = CandidateRules.of(options);
    this.maxVideos = options.userVideos();
    this.maxTags = options.userTags();
    this.ttl = options.userTtl();
    this.maxCandidates = options.maxCandidates();
    this.topN = options.topN();
    this.serving = serving;
  }

  @Override
  public void open(OpenContext ctx) {
    historyDesc = new ValueStateDescriptor<>(HISTORY_STATE, TypeInformation.of(UserHistory.class));
    historyDesc.enableTimeToLive(StateTtlConfig.newBuilder(ttl).build());
    history = getRuntimeContext().getState(historyDesc);
    parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    outcomes = new ReasonCounters(getRuntimeContext().getMetricGroup(), "participation");
    calls = serving.open();
  }

  @Override
  public void close() {
    if (calls != null) {
      calls.close();
    }
  }

  @Override
  public void processElement(UserVideo v, ReadOnlyContext ctx, Collector<LocalRanking> out)
      throws Exception {
    UserHistory h = history.value();
    history.update((h == null ? UserHistory.empty() : h).with(v, maxVideos, maxTags));
  }

  @Override
  public void processBroadcastElement(ChallengeAssessment a, Context ctx,
      Collector<LocalRanking> out) throws Exception {
    if (!scoreStages.contains(a.alert().stage())) {
      return;
    }
    if (a.representation() == null) {
      // Every subtask skips the same round, so the merge waits for nothing.
      outcomes.inc("rounds-without-representation");
      return;
    }
    List<Candidate> candidates = candidates(a, ctx);
    if (candidates.isEmpty()) {
      out.collect(LocalRanking.answer(a, parallelism, false, null, null,
          ctx.currentProcessingTime(), new Scored[0]));
      return;
    }
    List<float[]> users = new ArrayList<>(candidates.size());
    candidates.forEach(c -> users.add(c.representation()));
    ServingCalls.Scores scores;
    try {
      scores = calls.participation(a.representation(), users);
    } catch (ServingClientException e) {
      outcomes.inc("rounds-unscored");
      LOG.warn("round {}: cannot score {} candidates of {}; the next alert retries: {}",
          a.alert().id(), candidates.size(), a.challenge(), e.getMessage());
      out.collect(LocalRanking.answer(a, parallelism, true, null, null,
          ctx.currentProcessingTime(), new Scored[0]));
      return;
    }
    List<Scored> scored = new ArrayList<>(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      scored.add(new Scored(c.userId(), scores.probabilities().get(i), c.videos()));
    }
    scored.sort(LocalRanking.LIKELIEST_FIRST);
    outcomes.inc("users-scored", scored.size());
    out.collect(LocalRanking.answer(a, parallelism, false, scores.model(), scores.version(),
        ctx.currentProcessingTime(),
        scored.subList(0, Math.min(topN, scored.size())).toArray(new Scored[0])));
  }

  /** This subtask's share of the round's candidates, the most recently active. */
  private List<Candidate> candidates(ChallengeAssessment a, Context ctx) throws Exception {
    String challenge = a.challenge();
    long alertMillis = a.alert().detectedAt().toEpochMilli();
    int share = Math.max(1, (maxCandidates + parallelism - 1) / parallelism);
    PriorityQueue<Candidate> best = new PriorityQueue<>(LEAST_RECENT_FIRST);
    Map<Verdict, Long> verdicts = new EnumMap<>(Verdict.class);
    ctx.applyToKeyedState(historyDesc, (userId, state) -> {
      UserHistory h = state.value();
      if (h == null) {
        return;
      }
      Verdict v = rules.judge(h, challenge, alertMillis);
      verdicts.merge(v, 1L, Long::sum);
      if (v == Verdict.CANDIDATE) {
        best.add(rules.candidate(userId, h, challenge));
        if (best.size() > share) {
          best.poll();
        }
      }
    });
    verdicts.forEach((v, n) -> outcomes.inc("users-" + v.name().toLowerCase(Locale.ROOT)
        .replace('_', '-'), n));
    List<Candidate> out = new ArrayList<>(best);
    out.sort(LEAST_RECENT_FIRST.reversed());
    return out;
  }
}
