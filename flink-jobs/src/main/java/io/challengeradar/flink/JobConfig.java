package io.challengeradar.flink;

import io.challengeradar.config.Config;
import io.challengeradar.config.ConfigException;
import io.challengeradar.config.Option;
import io.challengeradar.config.OptionGroup;
import io.challengeradar.flink.enrich.EnrichmentOptions;
import io.challengeradar.flink.es.ElasticsearchSinkOptions;
import io.challengeradar.flink.intel.IntelligenceOptions;
import io.challengeradar.flink.source.KafkaClientProperties;
import io.challengeradar.flink.source.PipelineSources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The streaming job's whole configuration, typed: where it reads, what it computes, whether it
 * enriches and scores through the serving tier, where it writes and checkpoints. Every entry
 * point (the job jar's {@code main}, {@code radar pipeline}, {@code radar demo}, the benchmarks)
 * resolves one {@link Config} of {@link #GROUPS} from its file, the environment and its flags,
 * and hands this to {@link JobFactory}.
 *
 * @param pipeline event time, state bounds, trend windows, CEP, enrichment
 * @param intelligence representations, risk and participation; null when off (no serving tier,
 *     or {@code intelligence.enabled=false})
 * @param sink the Elasticsearch sink
 * @param source Kafka or files
 * @param checkpoints checkpoint directory URI; null keeps them in the JobManager's memory (tests)
 * @param state the state backend
 * @param parallelism the job's parallelism
 * @param name the job's name
 */
public record JobConfig(
    PipelineOptions pipeline,
    IntelligenceOptions intelligence,
    ElasticsearchSinkOptions sink,
    SourceOptions source,
    String checkpoints,
    StateBackendSettings state,
    int parallelism,
    String name) {

  public static final Option<String> KAFKA = Option.key("source.kafka.bootstrap-servers")
      .stringType()
      .description("Kafka bootstrap servers (HOST:PORT,...) of the topics radar.posts and"
          + " radar.engagement; give this or source.files.");
  public static final Option<String> GROUP_ID = Option.key("source.kafka.group-id").stringType()
      .defaultValue(PipelineSources.DEFAULT_GROUP_ID)
      .description("The job's Kafka consumer group.");
  public static final Option<Boolean> BOUNDED = Option.key("source.kafka.bounded").booleanType()
      .defaultValue(false)
      .description("Stop at the offsets that are the latest when the job starts (a replay that"
          + " ends) instead of running until stopped.");
  public static final Option<String> KAFKA_PROPERTIES_FILE =
      Option.key("source.kafka.properties-file").stringType()
          .description("A standard Kafka client properties file (security.protocol, sasl.*,"
              + " ssl.*) for a secured cluster, passed as it is to the job's consumers; read where"
              + " the job is built and sent with it. bootstrap.servers and group.id are set by"
              + " the options above, not here.");
  public static final Option<List<String>> FILES = Option.key("source.files").listType()
      .defaultValue(List.of())
      .description("Canonical NDJSON files to replay instead of Kafka, comma-separated.");
  public static final Option<String> CHECKPOINTS = Option.key("job.checkpoints").stringType()
      .description("Checkpoint directory URI (file:///..., s3://...); empty: in the"
          + " JobManager's memory, which refuses state over 5 MiB (tests only).");
  public static final Option<Integer> PARALLELISM = Option.key("job.parallelism").intType()
      .defaultValue(2).positive()
      .description("Parallelism of the job (on a cluster: only when given; otherwise the"
          + " cluster's default).");
  public static final Option<String> NAME = Option.key("job.name").stringType()
      .defaultValue("challenge-radar").description("The job's name in Flink.");

  /** Where the job reads, checkpoints and what it is called. */
  public static final OptionGroup JOB = OptionGroup.of("job",
      "The streaming job's sources, checkpoints, state backend, parallelism and name.",
      KAFKA, GROUP_ID, BOUNDED, KAFKA_PROPERTIES_FILE, FILES, CHECKPOINTS,
      StateBackendSettings.TYPE, StateBackendSettings.INCREMENTAL, PARALLELISM, NAME);

  /** Every group the job reads, in the order {@code radar config show} lists them. */
  public static final List<OptionGroup> GROUPS = List.of(JOB, PipelineOptions.GROUP,
      EnrichmentOptions.GROUP, IntelligenceOptions.GROUP, ElasticsearchSinkOptions.GROUP);

  /** Kafka ({@code kafkaBootstrap} set, with its client properties) or files. */
  public record SourceOptions(String kafkaBootstrap, String groupId, boolean bounded,
      KafkaClientProperties kafkaClient, List<Path> files) {
    public SourceOptions {
      files = List.copyOf(files);
      kafkaClient = kafkaClient == null ? KafkaClientProperties.NONE : kafkaClient;
      if ((kafkaBootstrap == null) == files.isEmpty()) {
        throw new ConfigException("give exactly one of " + KAFKA + " ("
            + KAFKA.envVar() + ", --kafka) or " + FILES + " (--files)");
      }
    }

    public boolean kafka() {
      return kafkaBootstrap != null;
    }
  }

  /** A loader of the job's groups (add the file, environment and flags, then load). */
  public static Config.Loader loader() {
    return Config.loader(GROUPS.toArray(OptionGroup[]::new));
  }

  public static JobConfig from(Config c) {
    List<String> files = c.get(FILES);
    return new JobConfig(
        PipelineOptions.from(c),
        IntelligenceOptions.fromOrNull(c),
        ElasticsearchSinkOptions.from(c),
        new SourceOptions(c.get(KAFKA), c.get(GROUP_ID), c.get(BOUNDED),
            kafkaClient(c),
            files.stream().map(Path::of).toList()),
        c.get(CHECKPOINTS),
        StateBackendSettings.from(c),
        c.get(PARALLELISM),
        c.get(NAME));
  }

  /**
   * The Kafka client settings of {@code source.kafka.properties-file} (security, SASL, TLS), read
   * once; none when the option is unset. Every Kafka client of the job's settings uses these.
   */
  public static KafkaClientProperties kafkaClient(Config c) {
    String file = c.get(KAFKA_PROPERTIES_FILE);
    return file == null ? KafkaClientProperties.NONE
        : KafkaClientProperties.load(Path.of(file), KAFKA_PROPERTIES_FILE.key());
  }

  /**
   * The job jar's arguments: {@code --config FILE}, {@code --set KEY=VALUE} (repeatable) and the
   * short flags {@code --kafka}, {@code --files}, {@code --es}, {@code --group-id},
   * {@code --checkpoints}, {@code --parallelism}, each the flag layer of its option.
   */
  public static Config parseArgs(String[] args, Map<String, String> environment) {
    Config.Loader loader = loader().environment(environment);
    Map<String, String> shortFlags = Map.of("--kafka", KAFKA.key(), "--files", FILES.key(),
        "--es", io.challengeradar.config.CommonOptions.ELASTICSEARCH_HOSTS.key(),
        "--group-id", GROUP_ID.key(), "--checkpoints", CHECKPOINTS.key(),
        "--parallelism", PARALLELISM.key());
    Path file = null;
    List<String[]> flags = new ArrayList<>();
    // --set is applied after the short flags wherever it stands, as every radar command does.
    Map<String, String> set = new java.util.LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      String flag = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      if (flag.equals("--config")) {
        file = Path.of(value);
      } else if (flag.equals("--set")) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--set takes KEY=VALUE, was '" + value + "'");
        }
        set.put(value.substring(0, eq).strip(), value.substring(eq + 1));
      } else if (shortFlags.containsKey(flag)) {
        flags.add(new String[] {shortFlags.get(flag), value, flag});
      } else {
        throw new IllegalArgumentException("unknown argument '" + flag + "'; expected --config,"
            + " --set KEY=VALUE or one of " + new java.util.TreeSet<>(shortFlags.keySet()));
      }
    }
    loader.file(file);
    flags.forEach(f -> loader.flag(f[0], f[1], f[2]));
    return loader.set(set).load();
  }
}
