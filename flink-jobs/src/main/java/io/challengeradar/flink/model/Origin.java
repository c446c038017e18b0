package io.challengeradar.flink.model;

/**
 * Where a record came from, precise enough to find it again: a Kafka topic, partition and offset;
 * a file and its 1-based line; or, for documents Elasticsearch refused, the index and document id.
 *
 * @param kind {@link #KAFKA}, {@link #FILE} or {@link #DOCUMENT}
 * @param name topic, file path, or {@code index/id}
 * @param partition Kafka partition, -1 otherwise
 * @param position Kafka offset or file line; -1 for documents
 */
public record Origin(String kind, String name, int partition, long position) {

  public static final String KAFKA = "kafka";
  public static final String FILE = "file";
  public static final String DOCUMENT = "document";

  public static Origin kafka(String topic, int partition, long offset) {
    return new Origin(KAFKA, topic, partition, offset);
  }

  public static Origin file(String path, long line) {
    return new Origin(FILE, path, -1, line);
  }

  public static Origin document(String index, String id) {
    return new Origin(DOCUMENT, index + "/" + id, -1, -1);
  }

  /** A short, stable text form: {@code radar.posts/0@17}, {@code events.ndjson:12}. */
  public String describe() {
    switch (kind) {
      case KAFKA:
        return name + "/" + partition + "@" + position;
      case FILE:
        return name + ":" + position;
      default:
        return name;
    }
  }
}
