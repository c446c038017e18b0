package io.challengeradar.app.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.BackoffPolicy;
import io.challengeradar.contract.DeadLetterFields;
import io.challengeradar.contract.EngagementFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.VideoFields;
import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes decoded events to Elasticsearch with the bulk API, and everything that cannot be written
 * to the dead-letter index with its reason. Posts become one document per video in {@code
 * radar-videos} (re-posting a video overwrites it), snapshots one document each in {@code
 * radar-engagement}. The raw bulk path, without the pipeline: {@code radar bench ingest} measures
 * it as the ceiling the pipeline is compared with.
 *
 * <p>Counting rule: every {@link #index} and {@link #deadLetter} call ends in exactly one of
 * {@code indexed}, {@code deadLettered} or {@code lost} (a dead letter that Elasticsearch itself
 * refused); {@code lost} is reported, never hidden.
 */
public final class EventIndexer implements AutoCloseable {

  private static final String VIDEOS = Index.VIDEOS.indexName();
  private static final String ENGAGEMENT = Index.ENGAGEMENT.indexName();
  private static final String DEADLETTER = Index.DEADLETTER.indexName();

  public static final int DEFAULT_MAX_OPERATIONS = 2_000;
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 2;
  // Dead letters have the pipeline's shape (see docs/pipeline.md): a short reason code for
  // counting, the field, and the full explanation as detail.
  static final String STAGE_PARSE = "parse";
  static final String STAGE_SINK = "sink";
  static final String REASON_INVALID = "invalid";
  static final String REASON_REJECTED = "rejected-by-elasticsearch";

  /** Raw payloads are kept in dead letters up to this many characters. */
  public static final int MAX_RAW_CHARS = 32_768;

  /** Where an event came from, kept until Elasticsearch has answered for it. */
  public record Origin(String file, long line, String raw) {}

  private record Pending(Origin origin, boolean isDeadLetter) {}

  private final ElasticsearchClient client;
  private final BulkIngester<Pending> ingester;
  private final AtomicLong indexed = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  /** Items Elasticsearch refused; written as dead letters once the main flow has drained. */
  private final List<Map<String, Object>> refused = new ArrayList<>();

  public EventIndexer(ElasticsearchClient client) {
    this(client, DEFAULT_MAX_OPERATIONS, DEFAULT_MAX_CONCURRENT_REQUESTS);
  }

  public EventIndexer(ElasticsearchClient client, int maxOperations, int maxConcurrentRequests) {
    if (maxOperations <= 0) {
      throw new IllegalArgumentException("maxOperations must be positive, was " + maxOperations);
    }
    if (maxConcurrentRequests <= 0) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be positive, was " + maxConcurrentRequests);
    }
    this.client = client;
    this.ingester =
        BulkIngester.of(
            b ->
                b.client(client)
                    .maxOperations(maxOperations)
                    .maxConcurrentRequests(maxConcurrentRequests)
                    .flushInterval(1, TimeUnit.SECONDS)
                    // Only rejections (429) are retried, a bounded number of times.
                    .backoffPolicy(BackoffPolicy.exponentialBackoff(100L, 6))
                    .listener(new Listener()));
  }

  /** Indexes one decoded event. */
  public void index(Event event, Origin origin) {
    if (event instanceof Post post) {
      ingester.add(
          op -> op.index(i -> i.index(VIDEOS).id(post.videoId()).document(videoDocument(post))),
          new Pending(origin, false));
    } else {
      EngagementSnapshot s = (EngagementSnapshot) event;
      ingester.add(
          op -> op.index(i -> i.index(ENGAGEMENT).id(snapshotId(s)).document(snapshotDocument(s))),
          new Pending(origin, false));
    }
  }

  /** Records an input the codec refused, with the field and the codec's reason as detail. */
  public void deadLetter(Origin origin, String field, String detail) {
    ingester.add(
        op -> op.index(i -> i.index(DEADLETTER).document(deadLetterDocument(origin, STAGE_PARSE,
            REASON_INVALID, field, detail))),
        new Pending(origin, true));
  }

  public long indexed() {
    return indexed.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  public long lost() {
    return lost.get();
  }

  /** Flushes, waits for every answer, then writes the dead letters of refused items. */
  @Override
  public void close() {
    ingester.close();
    List<Map<String, Object>> late;
    synchronized (refused) {
      late = List.copyOf(refused);
      refused.clear();
    }
    if (late.isEmpty()) {
      return;
    }
    try (BulkIngester<Pending> retry =
        BulkIngester.of(b -> b.client(client).maxOperations(DEFAULT_MAX_OPERATIONS)
            .listener(new Listener()))) {
      for (Map<String, Object> doc : late) {
        retry.add(op -> op.index(i -> i.index(DEADLETTER).document(doc)),
            new Pending(null, true));
      }
    }
  }

  static String snapshotId(EngagementSnapshot s) {
    return s.videoId() + "@" + s.observedAt().toEpochMilli();
  }

  static Map<String, Object> videoDocument(Post p) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(VideoFields.VIDEO_ID, p.videoId());
    doc.put(VideoFields.AUTHOR_ID, p.authorId());
    doc.put(VideoFields.CREATED_AT, p.createdAt().toString());
    doc.put(VideoFields.CAPTION, p.caption());
    doc.put(VideoFields.HASHTAGS, p.hashtags());
    putIfPresent(doc, VideoFields.MUSIC_ID, p.musicId());
    putIfPresent(doc, VideoFields.DURATION_SEC, p.durationSec());
    putIfPresent(doc, VideoFields.FOLLOWER_COUNT, p.followerCount());
    putIfPresent(doc, VideoFields.AUTHOR_HANDLE, p.authorHandle());
    putIfPresent(doc, VideoFields.THUMBNAIL_URL, p.thumbnailUrl());
    putIfPresent(doc, VideoFields.LANGUAGE, p.language());
    putIfPresent(doc, VideoFields.REGION, p.region());
    return doc;
  }

  static Map<String, Object> snapshotDocument(EngagementSnapshot s) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(EngagementFields.VIDEO_ID, s.videoId());
    doc.put(EngagementFields.OBSERVED_AT, s.observedAt().toString());
    doc.put(EngagementFields.VIEWS, s.views());
    doc.put(EngagementFields.LIKES, s.likes());
    doc.put(EngagementFields.COMMENTS, s.comments());
    doc.put(EngagementFields.SHARES, s.shares());
    putIfPresent(doc, EngagementFields.DOWNLOADS, s.downloads());
    return doc;
  }

  static Map<String, Object> deadLetterDocument(
      Origin origin, String stage, String reason, String field, String detail) {
    Map<String, Object> doc = new LinkedHashMap<>();
    String raw = origin.raw();
    doc.put(DeadLetterFields.RAW,
        raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS));
    doc.put(DeadLetterFields.STAGE, stage);
    doc.put(DeadLetterFields.REASON, reason);
    doc.put(DeadLetterFields.FIELD, field);
    doc.put(DeadLetterFields.DETAIL, detail);
    doc.put(DeadLetterFields.ORIGIN, Map.of(DeadLetterFields.Origin.KIND, "file",
        DeadLetterFields.Origin.NAME, origin.file(), DeadLetterFields.Origin.PARTITION, -1,
        DeadLetterFields.Origin.POSITION, origin.line()));
    doc.put(DeadLetterFields.AT, Instant.now().toString());
    return doc;
  }

  private static void putIfPresent(Map<String, Object> doc, String key, Object value) {
    if (value != null) {
      doc.put(key, value);
    }
  }

  private final class Listener implements BulkListener<Pending> {
    @Override
    public void beforeBulk(long executionId, BulkRequest request, List<Pending> contexts) {}

    @Override
    public void afterBulk(
        long executionId, BulkRequest request, List<Pending> contexts, BulkResponse response) {
      List<BulkResponseItem> items = response.items();
      for (int i = 0; i < items.size(); i++) {
        BulkResponseItem item = items.get(i);
        Pending pending = contexts.get(i);
        if (item.error() == null) {
          (pending.isDeadLetter() ? deadLettered : indexed).incrementAndGet();
        } else if (pending.isDeadLetter() || pending.origin() == null) {
          lost.incrementAndGet();
        } else {
          String detail = item.error().type() + ": " + item.error().reason();
          synchronized (refused) {
            refused.add(deadLetterDocument(pending.origin(), STAGE_SINK, REASON_REJECTED, null,
                detail));
          }
        }
      }
    }

    @Override
    public void afterBulk(
        long executionId, BulkRequest request, List<Pending> contexts, Throwable failure) {
      // The whole request failed (connection, timeout): nothing in it was written.
      lost.addAndGet(contexts.size());
    }
  }
}
