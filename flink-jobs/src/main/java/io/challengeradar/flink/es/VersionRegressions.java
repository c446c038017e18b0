package io.challengeradar.flink.es;

import io.challengeradar.contract.Index;
import io.challengeradar.flink.enrich.Reenricher;
import io.challengeradar.flink.es.BulkOutcomes.ItemResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a job that started without its state over indices it wrote before. A video's version
 * is the number of events applied to it, kept in the job's state; lose the state and versions
 * start again at 1, and every write of a video Elasticsearch already holds at a higher version is
 * refused as a conflict, which the sink otherwise takes for an ordinary stale write
 * ("superseded") and the document silently stops changing.
 *
 * <p>Only a writer that started fresh looks (no restored checkpoint, first attempt): after a
 * restore the replay of the events since the checkpoint rewrites versions Elasticsearch already
 * holds, and those conflicts are expected. A fresh writer whose video write is refused because
 * Elasticsearch holds a higher version counts it ({@code version_regressions} in the sink's
 * {@code elasticsearch} metric group) and says so in a warning naming the cause and the fix: the
 * first at once, then at most one a minute with the count so far. A stored version at or above
 * {@link Reenricher#VERSION_OFFSET} is a video {@code radar reenrich} wrote, refused by design.
 *
 * <p>Nor is a conflict with a version this writer sent itself: with several bulk requests in
 * flight, a video's later snapshot may be applied before its earlier one, which is then refused
 * as stale, rightly and harmlessly. The writer tells {@link #sent} what it sends; the highest
 * version of the most recent {@value #REMEMBERED} videos is kept (only after a fresh start).
 */
final class VersionRegressions {
  private static final Logger LOG = LoggerFactory.getLogger(VersionRegressions.class);
  private static final Pattern CURRENT = Pattern.compile("current version \\[(\\d+)]");
  static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Videos whose highest sent version is remembered: far more than are ever in flight. */
  static final int REMEMBERED = 50_000;

  private final boolean freshStart;
  private final Map<String, Long> highestSent = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > REMEMBERED;
    }
  };
  private final Counter counter;
  private final LongSupplier nanoClock;
  private long count;
  private long nextLogNanos;
  private boolean logged;
  private int warnings;

  VersionRegressions(boolean freshStart, Counter counter, LongSupplier nanoClock) {
    this.freshStart = freshStart;
    this.counter = counter;
    this.nanoClock = nanoClock;
  }

  /** Notes the video versions of a bulk request about to be sent (the writer's thread). */
  void sent(List<EsOperation> batch) {
    if (!freshStart) {
      return;
    }
    synchronized (highestSent) {
      for (EsOperation op : batch) {
        if (op.version() != null && Index.VIDEOS.indexName().equals(op.index())) {
          highestSent.merge(op.id(), op.version(), Math::max);
        }
      }
    }
  }

  /** Looks at one bulk response; {@code items} answer {@code sent} in order. */
  void check(List<EsOperation> sent, List<ItemResult> items) {
    if (!freshStart) {
      return;
    }
    String example = null;
    for (int i = 0; i < sent.size() && i < items.size(); i++) {
      EsOperation op = sent.get(i);
      long stored = storedVersion(op, items.get(i));
      if (stored >= 0 && !sentItself(op.id(), stored)) {
        count++;
        counter.inc();
        if (example == null) {
          example = "video " + op.id() + ": Elasticsearch holds version " + stored
              + ", this job wrote " + op.version();
        }
      }
    }
    long now = nanoClock.getAsLong();
    if (example != null && (!logged || now - nextLogNanos >= 0)) {
      logged = true;
      warnings++;
      nextLogNanos = now + LOG_INTERVAL_NANOS;
      LOG.warn("version regression: {} video write(s) refused since this job started without"
          + " state, because Elasticsearch holds higher versions ({}). The job lost its state"
          + " (it started without its checkpoint) over indices it wrote before, so these videos"
          + " stop changing until their versions pass the stored ones. Resume from the latest"
          + " checkpoint or a savepoint instead (radar pipeline does so from its checkpoint"
          + " directory, or --savepoint PATH; radar submit --savepoint PATH), or write into empty"
          + " indices; a replay of the same events from their start catches up by itself.",
          count, example);
    }
  }

  long count() {
    return count;
  }

  /** True when this writer itself sent {@code id} at {@code stored} or higher. */
  private boolean sentItself(String id, long stored) {
    synchronized (highestSent) {
      Long highest = highestSent.get(id);
      return highest != null && highest >= stored;
    }
  }

  /** How many warnings were logged. */
  int warnings() {
    return warnings;
  }

  /**
   * The version Elasticsearch holds when {@code item} refused the video write {@code op} as a
   * conflict with a higher stored version; -1 for anything else.
   */
  static long storedVersion(EsOperation op, ItemResult item) {
    if (op.version() == null || item.status() != 409 || item.errorReason() == null
        || !Index.VIDEOS.indexName().equals(op.index())
        || !"version_conflict_engine_exception".equals(item.errorType())) {
      return -1;
    }
    Matcher m = CURRENT.matcher(item.errorReason());
    if (!m.find()) {
      return -1;
    }
    long stored = Long.parseLong(m.group(1));
    // radar reenrich writes at version + Reenricher.VERSION_OFFSET so later snapshots cannot undo
    // it: refusing those is by design, not lost state.
    return stored > op.version() && stored < Reenricher.VERSION_OFFSET ? stored : -1;
  }
}
