package io.challengeradar.cluster;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The session cluster's Flink configuration ({@code conf/config.yaml}) and the JVM arguments of
 * each process. Flink's distribution computes the memory flags in its shell scripts (through
 * {@code BashJavaUtils}); without the distribution, the same Flink classes compute them here.
 */
public final class FlinkConfig {
  private FlinkConfig() {}

  /** Every key of config.yaml, in a stable order. */
  public static Map<String, String> render(FlinkClusterOptions options) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("jobmanager.rpc.address", "127.0.0.1");
    conf.put("jobmanager.rpc.port", Integer.toString(options.rpcPort()));
    conf.put("jobmanager.bind-host", "127.0.0.1");
    conf.put("jobmanager.memory.process.size", options.jobManagerMemoryMb() + "m");
    conf.put("taskmanager.bind-host", "127.0.0.1");
    conf.put("taskmanager.host", "127.0.0.1");
    conf.put("taskmanager.numberOfTaskSlots", Integer.toString(options.slots()));
    conf.put("taskmanager.memory.process.size", options.taskManagerMemoryMb() + "m");
    conf.put("taskmanager.memory.managed.size", options.managedMemoryMb() + "m");
    conf.put("rest.address", "127.0.0.1");
    conf.put("rest.bind-address", "127.0.0.1");
    conf.put("rest.port", Integer.toString(options.restPort()));
    conf.put("web.submit.enable", "true");
    conf.put("web.upload.dir", options.baseDir().resolve("uploads").toString());
    conf.put("io.tmp.dirs", options.baseDir().resolve("tmp").toString());
    conf.put("heartbeat.interval", Math.max(1000, options.heartbeatTimeout().toMillis() / 5)
        + "ms");
    conf.put("heartbeat.timeout", options.heartbeatTimeout().toMillis() + "ms");
    conf.put("execution.checkpointing.dir", options.checkpointsDir().toUri().toString());
    conf.put("execution.checkpointing.savepoint-dir", options.savepointsDir().toUri().toString());
    // No state backend here: the job sets its own (job.state-backend, RocksDB with incremental
    // checkpoints by default), so it is one option wherever the job runs; lib/ carries RocksDB.
    conf.put("execution.checkpointing.externalized-checkpoint-retention",
        "RETAIN_ON_CANCELLATION");
    conf.put("restart-strategy.type", "exponential-delay");
    conf.put("restart-strategy.exponential-delay.initial-backoff", "1s");
    conf.put("restart-strategy.exponential-delay.max-backoff", "10s");
    conf.put("restart-strategy.exponential-delay.attempts-before-reset-backoff", "20");
    conf.put("classloader.resolve-order", "child-first");
    // A job of parallelism P takes its slots on different TaskManagers where it can, so losing
    // one TaskManager costs part of the job, not all of it.
    conf.put("taskmanager.load-balance.mode", "SLOTS");
    conf.put("parallelism.default", "1");
    return conf;
  }

  /** config.yaml's text: Flink 2 reads standard YAML, flat keys included. */
  public static String yaml(Map<String, String> conf) {
    StringBuilder out = new StringBuilder(
        "# Written by `radar cluster up`; rewritten on each start.\n");
    conf.forEach((key, value) -> out.append(key).append(": \"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
    return out.toString();
  }

  /** log4j2 configuration: each process logs to the file its {@code log.file} property names. */
  public static String log4j() {
    return String.join("\n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = MainAppender",
        "logger.pekko.name = org.apache.pekko",
        "logger.pekko.level = WARN",
        "logger.kafka.name = org.apache.kafka",
        "logger.kafka.level = WARN",
        "appender.main.name = MainAppender",
        "appender.main.type = RollingFile",
        "appender.main.fileName = ${sys:log.file}",
        "appender.main.filePattern = ${sys:log.file}.%i",
        "appender.main.layout.type = PatternLayout",
        "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
        "appender.main.policies.type = Policies",
        "appender.main.policies.size.type = SizeBasedTriggeringPolicy",
        "appender.main.policies.size.size = 50MB",
        "appender.main.strategy.type = DefaultRolloverStrategy",
        "appender.main.strategy.max = 3",
        "");
  }

  /**
   * A process's memory: the JVM's flags ({@code -Xmx}, {@code -XX:MaxDirectMemorySize}...) and the
   * dynamic properties ({@code -D key=value}) its entry point takes, as Flink's scripts pass them.
   */
  public record ProcessMemory(List<String> jvmFlags, List<String> dynamicProperties) {
    public ProcessMemory {
      jvmFlags = List.copyOf(jvmFlags);
      dynamicProperties = List.copyOf(dynamicProperties);
    }
  }

  /** The JobManager's memory, from {@code jobmanager.memory.process.size}. */
  public static ProcessMemory jobManagerMemory(Map<String, String> conf) {
    Configuration configuration = Configuration.fromMap(conf);
    JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(configuration);
    return new ProcessMemory(
        split(JobManagerProcessUtils.generateJvmParametersStr(spec, configuration)),
        split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
  }

  /** A TaskManager's memory, from {@code taskmanager.memory.process.size} and the managed size. */
  public static ProcessMemory taskManagerMemory(Map<String, String> conf) {
    TaskExecutorProcessSpec spec =
        TaskExecutorProcessUtils.processSpecFromConfig(Configuration.fromMap(conf));
    return new ProcessMemory(split(ProcessMemoryUtils.generateJvmParametersStr(spec)),
        split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
  }

  private static List<String> split(String flags) {
    return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
