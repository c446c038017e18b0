package io.challengeradar.flink;

import io.challengeradar.core.event.EventCodec;
import io.challengeradar.flink.intel.ChallengeIntelligence;
import io.challengeradar.flink.intel.IntelligenceOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.Origin;
import io.challengeradar.flink.intel.IntelligenceStreams;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.enrich.EnrichmentStage;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Enrichment;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.RawRecord;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.flink.model.TagActivity;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoUpdate;
import io.challengeradar.flink.model.WindowStats;
import io.challengeradar.flink.ops.AlertOnMatch;
import io.challengeradar.flink.ops.ChallengePatterns;
import io.challengeradar.flink.ops.ChallengePatterns.StagePattern;
import io.challengeradar.flink.ops.DeadLetters;
import io.challengeradar.flink.ops.EagerBoundedOutOfOrderness;
import io.challengeradar.flink.ops.FutureEventFilter;
import io.challengeradar.flink.ops.LateEventFilter;
import io.challengeradar.flink.ops.ParseEvents;
import io.challengeradar.flink.ops.ShareSurge;
import io.challengeradar.flink.ops.StageLifecycle;
import io.challengeradar.flink.ops.WindowVolumes;
import io.challengeradar.flink.ops.NeverIdle;
import io.challengeradar.flink.ops.WithoutEventTime;
import io.challengeradar.flink.model.WindowVolume;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import io.challengeradar.flink.ops.TagActivities;
import io.challengeradar.flink.ops.TrendWindows;
import io.challengeradar.flink.ops.VideoJoin;
import io.challengeradar.flink.source.PipelineSources;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.cep.CEP;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Challenge Radar streaming job. Sources of raw records and the outputs come in through the
 * builder, so the same graph runs on Kafka into Elasticsearch ({@link #main}), on files for
 * replay, and on test sources into collecting sinks.
 *
 * <pre>
 * sources -> parse -> watermarks -> late filter -> keyBy(videoId) VideoJoin -> videos
 *                                  |                      ^ input 2        |
 *                                  +-> posts -> enrich ---+ (enrichments)  |
 *                                              TagActivities -> keyBy(tag) TrendWindows
 *                                     keyBy(window) WindowVolumes -> broadcast --+  | tag windows
 *                                                                  ShareSurge (keyed by tag) -> windows
 *                             CEP x4 -> matches -> keyBy(tag) StageLifecycle -> alerts -> stages
 * every stage's refusals -> dead letters
 * </pre>
 *
 * <p>Right after parsing, in the same chain, the time guard ({@link FutureEventFilter}) refuses
 * events far ahead of the clock before they can move a watermark.
 */
public final class RadarPipeline {
  private final List<Source<RawRecord, ?, ?>> sources;
  private final PipelineOutputs outputs;
  private final PipelineOptions options;
  private final String checkpointDirectory;
  private final StateBackendSettings stateBackend;
  private final EventCodec codec;
  private final WatermarkStrategy<RawRecord> sourceWatermarks;
  private final IntelligenceOptions intelligence;

  private RadarPipeline(Builder b) {
    this.intelligence = b.intelligence;
    this.sourceWatermarks = b.sourceWatermarks;
    this.checkpointDirectory = b.checkpointDirectory;
    this.stateBackend = b.stateBackend;
    this.sources = List.copyOf(b.sources);
    this.outputs = b.outputs;
    this.options = b.options;
    this.codec = b.codec;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings every environment running this job needs: no silent Kryo fallback (each type in
   * state or on the wire has an explicit serializer), its state backend, and checkpointing on,
   * retained when the job is cancelled (so that a stopped job can be resumed from its last one).
   */
  public void configure(StreamExecutionEnvironment env) {
    Configuration c = new Configuration();
    c.set(org.apache.flink.configuration.PipelineOptions.GENERIC_TYPES, false);
    // Every record type is immutable (records; their arrays are never written after
    // construction), so chained operators can hand records on without a defensive copy, which
    // is a reflective POJO copy per record and operator otherwise.
    c.set(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE, true);
    if (checkpointDirectory != null) {
      // The default (in the JobManager's memory) refuses state over 5 MiB: fine for tests only.
      c.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
      c.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
          checkpointDirectory);
      c.set(org.apache.flink.configuration.CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
          org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }
    stateBackend.applyTo(c);
    env.configure(c);
    env.enableCheckpointing(options.checkpointInterval().toMillis());
  }

  /** Adds the job graph to {@code env} and hands its streams to the outputs. */
  public PipelineStreams build(StreamExecutionEnvironment env) {
    DataStream<RawRecord> raw = null;
    WatermarkStrategy<RawRecord> atSource =
        sourceWatermarks != null ? sourceWatermarks : WatermarkStrategy.noWatermarks();
    for (int i = 0; i < sources.size(); i++) {
      DataStream<RawRecord> s = env
          .fromSource(sources.get(i), atSource, "source-" + i)
          .uid("source-" + i);
      raw = raw == null ? s : raw.union(s);
    }

    SingleOutputStreamOperator<SourcedEvent> parsed = raw
        .process(new ParseEvents(codec)).name("parse").uid("parse");
    // The time guard, before any watermark is made from an event (file replays) and after the
    // source's own guard ignored it (Kafka): events far ahead of the clock are dead letters.
    SingleOutputStreamOperator<SourcedEvent> inTime = parsed
        .process(new FutureEventFilter(options.maxFutureSkew())).name("future-filter")
        .uid("future-filter");
    // Timestamps need the parsed event, so watermarks are assigned right after parsing (chained).
    java.time.Duration outOfOrderness = options.outOfOrderness();
    WatermarkStrategy<SourcedEvent> watermarks = WatermarkStrategy
        .<SourcedEvent>forGenerator(ctx -> new EagerBoundedOutOfOrderness<>(outOfOrderness))
        .withTimestampAssigner((e, previous) -> e.timestampMillis())
        .withIdleness(options.idleTimeout());
    // With watermarks from the sources, records keep the source's timestamp (the event time,
    // by the producers' contract) and the sources' watermarks flow on unchanged.
    DataStream<SourcedEvent> timed = sourceWatermarks != null ? inTime
        : inTime.assignTimestampsAndWatermarks(watermarks).name("watermarks").uid("watermarks");
    SingleOutputStreamOperator<SourcedEvent> onTime = timed
        .process(new LateEventFilter(options.allowedLateness())).name("late-filter")
        .uid("late-filter");

    // New posts go to the serving tier on their own branch; the answers come back into VideoJoin,
    // the one writer of each video's document.
    SingleOutputStreamOperator<Enrichment> enrichments = EnrichmentStage.build(onTime, options);
    // The join's time is its events' alone (see WithoutEventTime): the enrichments' input must
    // not move it past events still in flight when the stream resumes after being idle.
    SingleOutputStreamOperator<VideoUpdate> updates = onTime
        .keyBy(e -> e.event().videoId(), Types.STRING)
        .connect(enrichments
            .transform("untimed-enrichments", enrichments.getType(),
                new WithoutEventTime<>())
            .uid("untimed-enrichments")
            .keyBy(Enrichment::videoId, Types.STRING))
        .process(new VideoJoin(options), TypeInformation.of(VideoUpdate.class))
        .name("video-join").uid("video-join");
    DataStream<VideoDocument> videos = updates.map(VideoUpdate::document)
        .returns(TypeInformation.of(VideoDocument.class)).name("video-documents");

    // Never idle towards the trend windows (see NeverIdle): after a pause in which every source
    // was idle, the join's subtasks resume one by one, and the first must not set their time.
    SingleOutputStreamOperator<WindowStats> tagWindows = updates
        .flatMap(new TagActivities()).returns(TypeInformation.of(TagActivity.class))
        .name("tag-activities")
        .transform("activities-never-idle", TypeInformation.of(TagActivity.class),
            new NeverIdle<>())
        .uid("activities-never-idle")
        .keyBy(TagActivity::key, Types.STRING)
        .process(new TrendWindows(options), TypeInformation.of(WindowStats.class))
        .name("trend-windows").uid("trend-windows");

    // Each window's volume over all tags of a kind, keyed by the window, then broadcast to the
    // detector: every subtask measures its tags' shares against the same volumes.
    BroadcastStream<WindowVolume> volumes = tagWindows
        .map(WindowVolumes::partOf).returns(TypeInformation.of(WindowVolume.class))
        .name("volume-parts")
        .keyBy(WindowVolume::key, Types.STRING)
        .process(new WindowVolumes(), TypeInformation.of(WindowVolume.class))
        .name("window-volumes").uid("window-volumes")
        .broadcast(ShareSurge.VOLUMES);
    // TrendWindows emits each window under its own key (kind:tag), so its output is already
    // partitioned as keyBy(key) would partition it: taken as keyed, the detector and the CEP
    // operators chain onto it instead of receiving every window through network shuffles.
    SingleOutputStreamOperator<WindowStats> windows = DataStreamUtils
        .reinterpretAsKeyedStream(tagWindows, WindowStats::key, Types.STRING)
        .connect(volumes)
        .process(new ShareSurge(options), TypeInformation.of(WindowStats.class))
        .name("share-surge").uid("share-surge");
    KeyedStream<WindowStats, String> series =
        DataStreamUtils.reinterpretAsKeyedStream(windows, WindowStats::key, Types.STRING);
    DataStream<ChallengeAlert> matches = null;
    for (StagePattern p : ChallengePatterns.all(options.cep())) {
      String name = "cep-" + p.stage().name().toLowerCase(java.util.Locale.ROOT);
      DataStream<ChallengeAlert> a = CEP.pattern(series, p.pattern()).inEventTime()
          .process(new AlertOnMatch(p.stage(), p.steps(), options.sampleSize()),
              TypeInformation.of(ChallengeAlert.class))
          .name(name).uid(name);
      matches = matches == null ? a : matches.union(a);
    }
    // The four patterns match independently; the lifecycle orders them into one alert per stage
    // transition, forward only, at most one per tag and window.
    DataStream<ChallengeAlert> alerts = matches
        .keyBy(ChallengeAlert::key, Types.STRING)
        .process(new StageLifecycle(options), TypeInformation.of(ChallengeAlert.class))
        .name("stage-lifecycle").uid("stage-lifecycle");
    DataStream<HashtagStage> stages = alerts.map(HashtagStage::of)
        .returns(TypeInformation.of(HashtagStage.class)).name("stages");

    DataStream<DeadLetter> deadLetters = parsed.getSideOutput(DeadLetters.TAG)
        .union(inTime.getSideOutput(DeadLetters.TAG),
            onTime.getSideOutput(DeadLetters.TAG), updates.getSideOutput(DeadLetters.TAG),
            tagWindows.getSideOutput(DeadLetters.TAG), enrichments.getSideOutput(DeadLetters.TAG));

    // The intelligence needs the embeddings: it runs only when enrichment is on.
    IntelligenceStreams intel = intelligence != null && options.enrichment().enabled()
        ? ChallengeIntelligence.attach(enrichments, alerts, intelligence) : null;
    PipelineStreams streams =
        new PipelineStreams(deadLetters, videos, windows, alerts, stages, enrichments, intel);
    outputs.attach(streams);
    return streams;
  }

  /** Configures {@code env}, builds the graph and runs it to completion (or forever on Kafka). */
  public JobExecutionResult execute(StreamExecutionEnvironment env, String jobName)
      throws Exception {
    configure(env);
    build(env);
    return env.execute(jobName);
  }

  /**
   * The job jar's entry point ({@code flink run ... --config job.properties --set KEY=VALUE
   * --kafka HOST:PORT --es URL ...}): see {@link JobConfig#parseArgs}. The parallelism is the
   * cluster's unless {@code job.parallelism} is given.
   */
  public static void main(String[] args) throws Exception {
    Config config = JobConfig.parseArgs(args, System.getenv());
    JobConfig job = JobConfig.from(config);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    if (config.origin(JobConfig.PARALLELISM).layer() != Origin.Layer.DEFAULT) {
      env.setParallelism(job.parallelism());
    }
    JobFactory.create(job).execute(env, job.name());
  }

  /** The job {@link #main} runs for these arguments and environment, not yet executed. */
  public static RadarPipeline fromArgs(String[] args, java.util.Map<String, String> environment) {
    return JobFactory.create(JobConfig.from(JobConfig.parseArgs(args, environment)));
  }

  /** Sources and outputs are required; options and codec default. */
  public static final class Builder {
    private final List<Source<RawRecord, ?, ?>> sources = new ArrayList<>();
    private PipelineOutputs outputs;
    private PipelineOptions options = PipelineOptions.defaults();
    private EventCodec codec = EventCodec.withDefaults();
    private String checkpointDirectory;
    private StateBackendSettings stateBackend = StateBackendSettings.HEAP;
    private WatermarkStrategy<RawRecord> sourceWatermarks;
    private IntelligenceOptions intelligence;

    /**
     * Challenge representations, alert risk and participation predictions on top of the
     * enrichment (ignored while enrichment is off); null (the default): none.
     */
    public Builder intelligence(IntelligenceOptions o) {
      this.intelligence = o;
      return this;
    }

    /**
     * Watermarks made inside the sources (per Kafka partition, see {@link
     * PipelineSources#kafkaWatermarks}) instead of after parsing. Needed whenever one reader
     * follows several partitions; null (the default) for file replays, whose single reader per
     * file is already in order.
     */
    public Builder watermarksAtSource(WatermarkStrategy<RawRecord> strategy) {
      this.sourceWatermarks = strategy;
      return this;
    }

    public Builder source(Source<RawRecord, ?, ?> source) {
      sources.add(source);
      return this;
    }

    public Builder sources(List<Source<RawRecord, ?, ?>> all) {
      sources.addAll(all);
      return this;
    }

    /**
     * Instead of the sources set so far (a benchmark's rate-limited feed in place of the
     * configured files); the watermarks are then made after parsing.
     */
    public Builder replaceSources(List<Source<RawRecord, ?, ?>> all) {
      sources.clear();
      sourceWatermarks = null;
      return sources(all);
    }

    public Builder outputs(PipelineOutputs o) {
      this.outputs = o;
      return this;
    }

    public Builder options(PipelineOptions o) {
      this.options = o;
      return this;
    }

    /** Where checkpoints go (a URI such as {@code file:///var/radar/checkpoints}); null: memory. */
    public Builder checkpointDirectory(String uri) {
      this.checkpointDirectory = uri;
      return this;
    }

    /** Where keyed state lives; the heap unless set (the job's option defaults to RocksDB). */
    public Builder stateBackend(StateBackendSettings s) {
      this.stateBackend = s;
      return this;
    }

    public Builder codec(EventCodec c) {
      this.codec = c;
      return this;
    }

    public RadarPipeline build() {
      if (sources.isEmpty()) {
        throw new IllegalArgumentException("sources: at least one source is required");
      }
      if (outputs == null) {
        throw new IllegalArgumentException("outputs must be set");
      }
      if (options == null) {
        throw new IllegalArgumentException("options must be set");
      }
      if (stateBackend == null) {
        throw new IllegalArgumentException("stateBackend must be set");
      }
      if (codec == null) {
        throw new IllegalArgumentException("codec must be set");
      }
      return new RadarPipeline(this);
    }
  }
}
