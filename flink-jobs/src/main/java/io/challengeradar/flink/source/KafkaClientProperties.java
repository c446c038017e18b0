package io.challengeradar.flink.source;

import io.challengeradar.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kafka client settings passed through as they are, from a standard client properties file
 * ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config},
 * {@code ssl.truststore.location}, ...): whatever a secured cluster asks of its clients, the job's
 * source and the replay's producer and admin client get, without an option of ours per key.
 *
 * <p>The file is read where the job is built and travels with the job, so the task managers need
 * no copy of it (a truststore it names must still be readable there). {@link #toString()} lists
 * the keys only: {@code sasl.jaas.config} holds a password.
 */
public final class KafkaClientProperties implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Set by the job's own options; a second source of truth in the file would be a trap. */
  static final Set<String> OWNED = Set.of("bootstrap.servers", "group.id");

  public static final KafkaClientProperties NONE = new KafkaClientProperties(Map.of());

  private final TreeMap<String, String> values;

  private KafkaClientProperties(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  /** The properties in {@code file}; {@code setting} names the option in errors. */
  public static KafkaClientProperties load(Path file, String setting) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new ConfigException(setting + ": cannot read the Kafka client properties " + file
          + ": " + e.getMessage());
    }
    Map<String, String> m = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (OWNED.contains(key)) {
        throw new ConfigException(setting + ": " + file + " sets " + key + ", which the job's"
            + " own options set (source.kafka.bootstrap-servers, source.kafka.group-id)");
      }
      m.put(key, p.getProperty(key));
    }
    return new KafkaClientProperties(m);
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** A fresh copy for a client's config. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.putAll(values);
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaClientProperties k && k.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "KafkaClientProperties" + values.keySet();
  }
}
