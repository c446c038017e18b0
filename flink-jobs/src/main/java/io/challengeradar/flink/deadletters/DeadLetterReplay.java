package io.challengeradar.flink.deadletters;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.DeadLetterFields;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.model.Origin;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code radar deadletters replay}: finds the dead letters of one reason (and a range of the
 * times they were refused), re-submits each one's payload to where the job read it, and marks it
 * replayed ({@code replayedAt}, {@code replayedTo}) so that a second replay skips it.
 *
 * <p>Only input records go back: a dead letter from Kafka to its topic (keyed and stamped as
 * {@code KafkaReplay} produces, so the job reads it as a live record), one from a file to the
 * file given for them, which the job can then be run on. Skipped, and counted by why: those
 * already replayed, those whose payload was cut when the dead letter was made (the whole record
 * is not there to send), documents the sink refused (not input: the job writes them again when
 * their input is replayed), and those whose destination was not given.
 *
 * <p>Records go out first and are marked after, so a replay that fails between the two sends
 * them again next time rather than never. A job restored from a checkpoint taken before a dead
 * letter was made rewrites it whole, without the mark.
 */
public final class DeadLetterReplay {
  public static final String INDEX = Index.DEADLETTER.indexName();
  private static final int PAGE = 500;
  private static final Pattern CUT = Pattern.compile("\\.\\.\\.\\[cut: \\d+ UTF-8 bytes in all,"
      + " hash [0-9a-f]+\\]$");

  /** Why a dead letter found was not re-submitted. */
  public enum Skip {
    ALREADY_REPLAYED("already replayed"),
    PAYLOAD_CUT("payload cut when the dead letter was made"),
    NOT_INPUT("a document the sink refused, not an input record"),
    NO_KAFKA("from Kafka, and no --kafka given"),
    NO_FILE("from a file, and no --out given");

    private final String why;

    Skip(String why) {
      this.why = why;
    }

    public String why() {
      return why;
    }
  }

  /**
   * One dead letter as read back.
   *
   * @param replayedAt when an earlier replay re-submitted it, null if none did
   */
  public record Letter(String id, String raw, Origin origin, Instant eventTime,
      Instant replayedAt) {}

  /** Where re-submitted records go; {@link #name} is what the mark records. */
  public interface Destination extends AutoCloseable {
    /** Whether this destination takes records that came from {@code origin}. */
    boolean takes(Origin origin);

    /** Sends one record (asynchronously is fine). */
    void send(Letter letter) throws IOException;

    /** Waits until everything sent is stored; throws if any of it was not. */
    void flush() throws IOException;

    /** Where {@code letter} went, as its mark records it. */
    String name(Letter letter);

    @Override
    void close() throws IOException;
  }

  /**
   * What a replay did.
   *
   * @param found dead letters of the reason in the range
   * @param resubmitted re-submitted (or, in a dry run, that would be)
   * @param to re-submitted per destination name
   * @param skipped not re-submitted, per reason
   */
  public record Summary(long found, long resubmitted, Map<String, Long> to,
      Map<Skip, Long> skipped, boolean dryRun) {}

  private final ElasticsearchClient es;

  public DeadLetterReplay(ElasticsearchClient es) {
    this.es = es;
  }

  /** Why {@code letter} is not re-submitted to any of {@code destinations}; null if it is. */
  public static Skip skip(Letter letter, List<? extends Destination> destinations) {
    if (letter.replayedAt() != null) {
      return Skip.ALREADY_REPLAYED;
    }
    Origin o = letter.origin();
    if (o == null || Origin.DOCUMENT.equals(o.kind())) {
      return Skip.NOT_INPUT;
    }
    if (letter.raw() == null || CUT.matcher(letter.raw()).find()) {
      return Skip.PAYLOAD_CUT;
    }
    if (destinations.stream().noneMatch(d -> d.takes(o))) {
      return Origin.KAFKA.equals(o.kind()) ? Skip.NO_KAFKA : Skip.NO_FILE;
    }
    return null;
  }

  /** The partial document that marks a dead letter replayed. */
  public static Map<String, String> mark(Instant at, String to) {
    return Map.of(DeadLetterFields.REPLAYED_AT, at.toString(), DeadLetterFields.REPLAYED_TO, to);
  }

  /**
   * Replays the dead letters of {@code reason} refused in [{@code from}, {@code to}) (either may
   * be null: open) to the first of {@code destinations} that takes each; {@code dryRun} sends and
   * marks nothing.
   */
  public Summary run(String reason, Instant from, Instant to, List<? extends Destination>
      destinations, boolean dryRun) throws IOException {
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
    List<Letter> letters = find(reason, from, to);
    Map<Skip, Long> skipped = new EnumMap<>(Skip.class);
    Map<String, Long> sentTo = new LinkedHashMap<>();
    Map<String, String> marks = new LinkedHashMap<>();
    for (Letter l : letters) {
      Skip why = skip(l, destinations);
      if (why != null) {
        skipped.merge(why, 1L, Long::sum);
        continue;
      }
      Destination d = destinations.stream().filter(x -> x.takes(l.origin())).findFirst()
          .orElseThrow();
      if (!dryRun) {
        d.send(l);
      }
      sentTo.merge(d.name(l), 1L, Long::sum);
      marks.put(l.id(), d.name(l));
    }
    if (!dryRun && !marks.isEmpty()) {
      for (Destination d : destinations) {
        d.flush();
      }
      markReplayed(marks, Instant.now());
    }
    long resubmitted = sentTo.values().stream().mapToLong(Long::longValue).sum();
    return new Summary(letters.size(), resubmitted, sentTo, skipped, dryRun);
  }

  /** Every dead letter of {@code reason} refused in the range, in index order. */
  List<Letter> find(String reason, Instant from, Instant to) throws IOException {
    es.indices().refresh(r -> r.index(INDEX).ignoreUnavailable(true));
    boolean exists = es.indices().exists(e -> e.index(INDEX)).value();
    if (!exists) {
      return List.of();
    }
    Query query = Query.of(q -> q.bool(b -> {
      b.filter(f -> f.term(t -> t.field(DeadLetterFields.REASON).value(reason)));
      if (from != null || to != null) {
        b.filter(f -> f.range(r -> r.untyped(u -> {
          u.field(DeadLetterFields.AT);
          if (from != null) {
            u.gte(JsonData.of(from.toString()));
          }
          if (to != null) {
            u.lt(JsonData.of(to.toString()));
          }
          return u;
        })));
      }
      return b;
    }));
    String pit = es.openPointInTime(p -> p.index(INDEX).keepAlive(k -> k.time("2m"))).id();
    List<Letter> letters = new ArrayList<>();
    try {
      List<FieldValue> after = null;
      while (true) {
        List<FieldValue> cursor = after;
        SearchResponse<ObjectNode> page = es.search(s -> {
          s.size(PAGE).query(query).pit(p -> p.id(pit).keepAlive(k -> k.time("2m")))
              .sort(o -> o.field(f -> f.field("_shard_doc")));
          if (cursor != null) {
            s.searchAfter(cursor);
          }
          return s;
        }, ObjectNode.class);
        List<Hit<ObjectNode>> hits = page.hits().hits();
        if (hits.isEmpty()) {
          return letters;
        }
        for (Hit<ObjectNode> h : hits) {
          letters.add(letter(h.id(), h.source()));
        }
        after = hits.get(hits.size() - 1).sort();
      }
    } finally {
      es.closePointInTime(c -> c.id(pit));
    }
  }

  static Letter letter(String id, ObjectNode d) {
    JsonNode o = d.get(DeadLetterFields.ORIGIN);
    Origin origin = o == null || o.isNull() ? null : new Origin(
        text(o, DeadLetterFields.Origin.KIND), text(o, DeadLetterFields.Origin.NAME),
        o.path(DeadLetterFields.Origin.PARTITION).asInt(-1),
        o.path(DeadLetterFields.Origin.POSITION).asLong(-1));
    String eventTime = text(d, DeadLetterFields.EVENT_TIME);
    String replayedAt = text(d, DeadLetterFields.REPLAYED_AT);
    return new Letter(id, text(d, DeadLetterFields.RAW), origin,
        eventTime == null ? null : Instant.parse(eventTime),
        replayedAt == null ? null : Instant.parse(replayedAt));
  }

  private void markReplayed(Map<String, String> marks, Instant at) throws IOException {
    List<Map.Entry<String, String>> all = new ArrayList<>(marks.entrySet());
    for (int i = 0; i < all.size(); i += PAGE) {
      List<BulkOperation> ops = all.subList(i, Math.min(all.size(), i + PAGE)).stream()
          .map(e -> BulkOperation.of(b -> b.update(u -> u.index(INDEX).id(e.getKey())
              .action(a -> a.doc(mark(at, e.getValue()))))))
          .toList();
      BulkResponse r = es.bulk(b -> b.operations(ops));
      for (BulkResponseItem item : r.items()) {
        if (item.error() != null) {
          throw new IOException("re-submitted, but could not mark dead letter " + item.id()
              + " replayed: " + item.error().reason() + "; a second replay would send it again");
        }
      }
    }
    es.indices().refresh(r -> r.index(INDEX));
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
