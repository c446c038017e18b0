package io.challengeradar.app.demo;

import io.challengeradar.core.importer.Importers;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one demo run is asked to do: which events, through which platform, with what.
 *
 * @param input the events: generated, imported from a public data set, or replayed as they are
 * @param ports where the demo's own servers listen
 * @param kafka go through a local broker: produce the events to the pipeline's topics and run the
 *     job on a bounded Kafka source (instead of reading the file directly)
 * @param withServing start the serving tier, enrich through it and start the query API
 * @param parallelism of the pipeline job
 * @param config the job's settings file (see docs/config/job.properties); null for none
 */
public record DemoRequest(Input input, Ports ports, boolean kafka, boolean withServing,
    int parallelism, Path config) {

  /** {@code --format} of canonical NDJSON replayed as it is, without an importer. */
  public static final String CANONICAL = "ndjson";

  public DemoRequest {
    if (input == null) {
      throw new IllegalArgumentException("input must be set");
    }
    if (ports == null) {
      throw new IllegalArgumentException("ports must be set");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
  }

  /** Where the events come from. */
  public sealed interface Input {

    /**
     * The input named by the demo's flags: {@code data} and {@code format} together, or neither
     * (then the generator with {@code seed} and {@code posts}).
     *
     * @throws IllegalArgumentException naming the flag that is wrong
     */
    static Input of(Path data, String format, long seed, int posts) {
      if ((data == null) != (format == null)) {
        throw new IllegalArgumentException("--data and --format go together: give both or neither");
      }
      if (data == null) {
        return new Generated(seed, posts);
      }
      if (!Files.exists(data)) {
        throw new IllegalArgumentException("--data not found: " + data);
      }
      if (CANONICAL.equals(format)) {
        return new Replayed(data);
      }
      // Refuses an unknown format here, before any server starts, listing the known ones.
      Importers.forFormat(format);
      return new Imported(format, data);
    }
  }

  /** The generator's stream: its scenario says which tags are challenges. */
  public record Generated(long seed, int posts) implements Input {
    public Generated {
      if (posts < 1) {
        throw new IllegalArgumentException("posts must be at least 1, was " + posts);
      }
    }
  }

  /** A public data set converted by its importer, then put into event-time order. */
  public record Imported(String format, Path data) implements Input {}

  /** Canonical NDJSON replayed line by line, invalid lines included (they are dead-lettered). */
  public record Replayed(Path events) implements Input {}

  /**
   * @param elasticsearch HTTP port of the demo's Elasticsearch
   * @param kafka port of the local broker (with {@link DemoRequest#kafka()})
   * @param serving port of the serving tier process
   * @param api port of the query API process
   */
  public record Ports(int elasticsearch, int kafka, int serving, int api) {}
}
