package io.challengeradar.flink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads what the pipeline left in the shared test Elasticsearch. The pipeline's index names are
 * fixed, so ITs sharing the server {@link #clear} them first (JUnit runs the classes one at a time).
 */
public final class EsContents {
  public static final List<String> INDICES = Index.names(Index.written());

  /** Fields holding the processing time of a write: they differ from run to run by design. */
  public static final Set<String> PROCESSING_TIME_FIELDS =
      Set.of("at", "updatedAt", "scoredAt", "enrichedAt");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DOCUMENTS = 10_000;
  private static final long POLL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final ElasticsearchClient client;
  /** Why the last read of a wait got no answer (kept for the wait's failure message). */
  private RuntimeException lastFailure;

  public EsContents(ElasticsearchClient client) {
    this.client = client;
  }

  /** Deletes the pipeline's indices (the templates stay, so they are recreated as mapped). */
  public void clear() {
    try {
      client.indices().delete(d -> d.index(INDICES).ignoreUnavailable(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of {@code index} by id, as stored ({@code _source}); empty if no index. */
  public Map<String, ObjectNode> documents(String index) {
    try {
      client.indices().refresh(r -> r.index(index).ignoreUnavailable(true));
      SearchResponse<ObjectNode> response = client.search(s -> s.index(index)
          .ignoreUnavailable(true).size(MAX_DOCUMENTS).query(q -> q.matchAll(m -> m)),
          ObjectNode.class);
      if (response.hits().total() != null && response.hits().total().value() > MAX_DOCUMENTS) {
        throw new IllegalStateException(index + " holds more than " + MAX_DOCUMENTS + " documents");
      }
      Map<String, ObjectNode> byId = new TreeMap<>();
      for (Hit<ObjectNode> hit : response.hits().hits()) {
        byId.put(hit.id(), hit.source());
      }
      return byId;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Elasticsearch {@code _version} of each document of {@code index}. */
  public Map<String, Long> versions(String index) {
    try {
      client.indices().refresh(r -> r.index(index).ignoreUnavailable(true));
      SearchResponse<ObjectNode> response = client.search(s -> s.index(index)
          .ignoreUnavailable(true).size(MAX_DOCUMENTS).version(true).source(src -> src.fetch(false))
          .query(q -> q.matchAll(m -> m)), ObjectNode.class);
      Map<String, Long> byId = new TreeMap<>();
      for (Hit<ObjectNode> hit : response.hits().hits()) {
        byId.put(hit.id(), hit.version());
      }
      return byId;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Events the pipeline accounted for so far: those applied to videos plus the dead letters,
   * counted as the demo counts them: a video is its post plus its {@code snapshots}. Not the
   * sum of {@code version}s: the serving tier's answer raises a video's version too, so with
   * enrichment on that sum runs ahead of the events and a wait on it ends early.
   */
  public long accountedEvents() {
    return appliedEvents(documents(Index.VIDEOS.indexName()).values())
        + documents(Index.DEADLETTER.indexName()).size();
  }

  /** Posts and snapshots applied to these video documents: one post each plus its snapshots. */
  static long appliedEvents(Collection<? extends JsonNode> videos) {
    long applied = 0;
    for (JsonNode video : videos) {
      JsonNode snapshots = video.get("snapshots");
      if (snapshots == null || !snapshots.canConvertToLong()) {
        throw new IllegalStateException("a video document without a snapshots count: " + video);
      }
      applied += 1 + snapshots.asLong();
    }
    return applied;
  }

  /** Polls (with a deadline: the sink writes asynchronously) until {@code expected} are in. */
  public void awaitAccountedEvents(long expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lastFailure = null;
    long seen = accountedEventsWhileStarting();
    while (seen < expected) {
      if (System.nanoTime() > deadline) {
        RuntimeException failure = lastFailure;
        throw new AssertionError("after " + timeout + " Elasticsearch accounts for " + seen
            + " events, expected " + expected + (failure == null ? ""
                : "; the last read that got no answer failed with " + failure.getCause()),
            failure);
      }
      LockSupport.parkNanos(POLL_PAUSE_NANOS);
      seen = accountedEventsWhileStarting();
    }
  }

  /**
   * Like {@link #accountedEvents}, but an index the sink has just created, whose primary shard
   * is not active yet (search answers 503 "all shards failed"), counts as none written yet; and
   * a request that timed out or found its node gone (a node-loss test's failover) counts as no
   * answer yet: the caller's deadline still bounds the wait, and its failure names the last such
   * error.
   */
  private long accountedEventsWhileStarting() {
    try {
      return accountedEvents();
    } catch (UncheckedIOException e) {
      lastFailure = e;
      if (e.getCause() instanceof org.elasticsearch.client.ResponseException r
          && r.getResponse().getStatusLine().getStatusCode() == 503) {
        return 0;
      }
      if (e.getCause() instanceof java.net.SocketTimeoutException
          || e.getCause() instanceof java.net.ConnectException) {
        return 0;
      }
      throw e;
    }
  }

  /**
   * All indices' documents with the processing-time fields removed (also inside a dead letter's
   * raw document), for comparing two runs.
   */
  public Map<String, Map<String, JsonNode>> comparable() {
    Map<String, Map<String, JsonNode>> all = new LinkedHashMap<>();
    for (String index : INDICES) {
      Map<String, JsonNode> docs = new TreeMap<>();
      documents(index).forEach((id, source) -> docs.put(id, withoutProcessingTime(source)));
      all.put(index, docs);
    }
    return all;
  }

  /**
   * Each document that differs between two runs' {@link #comparable} contents, as
   * "index/id: restarted -> uninterrupted"; empty when they hold the same documents.
   */
  public static List<String> differences(Map<String, Map<String, JsonNode>> restarted,
      Map<String, Map<String, JsonNode>> uninterrupted) {
    List<String> found = new java.util.ArrayList<>();
    for (String index : INDICES) {
      Map<String, JsonNode> r = restarted.get(index);
      Map<String, JsonNode> u = uninterrupted.get(index);
      Set<String> ids = new java.util.TreeSet<>(r.keySet());
      ids.addAll(u.keySet());
      for (String id : ids) {
        if (!java.util.Objects.equals(r.get(id), u.get(id))) {
          found.add(index + "/" + id + ": " + r.get(id) + " -> " + u.get(id));
        }
      }
    }
    return found;
  }

  static JsonNode withoutProcessingTime(ObjectNode source) {
    ObjectNode copy = source.deepCopy();
    copy.remove(PROCESSING_TIME_FIELDS);
    JsonNode raw = copy.get("raw");
    if (raw != null && raw.isTextual() && raw.asText().startsWith("{")) {
      try {
        JsonNode parsed = JSON.readTree(raw.asText());
        if (parsed instanceof ObjectNode o) {
          o.remove(PROCESSING_TIME_FIELDS);
          copy.put("raw", JSON.writeValueAsString(o));
        }
      } catch (IOException e) {
        // Not JSON after all (a malformed input line): compared as it is.
      }
    }
    return copy;
  }
}
