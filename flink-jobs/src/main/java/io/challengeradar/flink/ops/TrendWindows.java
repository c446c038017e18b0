package io.challengeradar.flink.ops;

import io.challengeradar.contract.TagKind;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Ids;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.TagActivity;
import io.challengeradar.flink.model.WindowStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Tumbling event-time windows per tag (key {@code kind:tag}) with state that spans windows:
 * which authors have ever used the tag, so "new participants" means new to the tag, and the
 * previous window, so growth can be measured. The share of the window's volume and the score are
 * measured downstream ({@link ShareSurge}), once every tag's window is known.
 *
 * <p>A window is emitted once, when the watermark passes its end plus the allowed lateness: every
 * event the pipeline accepts is then already in it, and each window's document is final. After a
 * tag's last activity, {@code trend.idle-windows} empty windows follow so that a fading tag is
 * seen to fade. This is a process function rather than Flink's window operator because the
 * windows of one tag must be finalised in order against shared state.
 *
 * <p>An activity whose window was already emitted (the late filter makes this impossible for a
 * single ordered stream, but an idle source that resumes behind a watermark other sources moved
 * on can deliver one) is dead-lettered as {@code window-closed} with the window it missed, and
 * counted. It is not folded into a corrected window: the tag's later windows were measured
 * against the emitted one (new participants, baseline), so a correction of one window alone would
 * leave them inconsistent, and keeping every emitted window to redo them is the cost this avoids.
 * The event behind it was applied to its video; only its share of the trend is lost, visibly.
 */
public final class TrendWindows extends KeyedProcessFunction<String, TagActivity, WindowStats> {
  private static final long serialVersionUID = 1L;

  public static final String COUNTS_STATE = "window-counts";
  public static final String AUTHORS_STATE = "window-authors";
  public static final String PARTICIPANTS_STATE = "participants";
  public static final String SUMMARY_STATE = "tag-summary";

  /** What one open window has gathered so far. Samples are "millis|videoId", kept sorted. */
  public record WindowCounts(long posts, long viewsGained, String[] samples) {}

  /** What the tag carries from one window to the next. */
  public record TagSummary(
      long cumulativeParticipants,
      long firstSeenMillis,
      String[] earliestParticipants,
      long previousNewParticipants,
      long previousViewsGained,
      int emptyWindowsInARow,
      long lastWindowStartMillis) {}

  private static final WindowCounts EMPTY = new WindowCounts(0, 0, new String[0]);

  private final long sizeMillis;
  private final long latenessMillis;
  private final int idleWindows;
  private final int sampleSize;
  private final PipelineOptions options;

  private transient MapState<Long, WindowCounts> counts;
  private transient MapState<String, Long> windowAuthors;
  private transient MapState<String, Long> participants;
  private transient ValueState<TagSummary> summary;
  private transient Counter lateActivities;

  public TrendWindows(PipelineOptions options) {
    this.options = options;
    this.sizeMillis = options.windowSize().toMillis();
    this.latenessMillis = options.allowedLateness().toMillis();
    this.idleWindows = options.idleWindows();
    this.sampleSize = options.sampleSize();
  }

  @Override
  public void open(OpenContext ctx) {
    StateTtlConfig ttl = StateTtlConfig.newBuilder(options.stateTtl()).build();
    // No TTL on the open windows: each is removed when its timer emits it, which always happens
    // (the final watermark fires every timer). A TTL there would only cost time: on the heap
    // backend every access of a state with a TTL also walks a few entries of that state looking
    // for expired ones, and these states are nearly empty, so the walk runs over empty buckets of
    // every key group (about a tenth of the task's time in a profile); and a TTL that did fire
    // would make the timer emit the window as empty.
    MapStateDescriptor<Long, WindowCounts> countsDesc = new MapStateDescriptor<>(COUNTS_STATE,
        Types.LONG, TypeInformation.of(WindowCounts.class));
    MapStateDescriptor<String, Long> authorsDesc =
        new MapStateDescriptor<>(AUTHORS_STATE, Types.STRING, Types.LONG);
    MapStateDescriptor<String, Long> participantsDesc =
        new MapStateDescriptor<>(PARTICIPANTS_STATE, Types.STRING, Types.LONG);
    participantsDesc.enableTimeToLive(ttl);
    ValueStateDescriptor<TagSummary> summaryDesc =
        new ValueStateDescriptor<>(SUMMARY_STATE, TypeInformation.of(TagSummary.class));
    summaryDesc.enableTimeToLive(ttl);
    counts = getRuntimeContext().getMapState(countsDesc);
    windowAuthors = getRuntimeContext().getMapState(authorsDesc);
    participants = getRuntimeContext().getMapState(participantsDesc);
    summary = getRuntimeContext().getState(summaryDesc);
    lateActivities = getRuntimeContext().getMetricGroup().addGroup("trend")
        .counter(DeadLetter.REASON_WINDOW_CLOSED);
  }

  public long windowStart(long timestamp) {
    return timestamp - Math.floorMod(timestamp, sizeMillis);
  }

  /** When the window starting at {@code start} is emitted. */
  public long fireTime(long start) {
    return start + sizeMillis - 1 + latenessMillis;
  }

  @Override
  public void processElement(TagActivity a, Context ctx, Collector<WindowStats> out)
      throws Exception {
    long start = windowStart(a.eventTimeMillis());
    if (fireTime(start) <= ctx.timerService().currentWatermark()) {
      windowClosed(a, start, ctx);
      return;
    }
    WindowCounts c = counts.get(start);
    if (c == null) {
      c = EMPTY;
      // Registered once per window: the timer service would find the duplicate, but only after
      // a lookup per activity.
      ctx.timerService().registerEventTimeTimer(fireTime(start));
    }
    if (a.newPost()) {
      c = new WindowCounts(c.posts() + 1, c.viewsGained(),
          keepSmallest(c.samples(), sampleKey(a.eventTimeMillis(), a.videoId())));
      String authorKey = start + "|" + a.authorId();
      Long firstInWindow = windowAuthors.get(authorKey);
      if (firstInWindow == null || a.eventTimeMillis() < firstInWindow) {
        windowAuthors.put(authorKey, a.eventTimeMillis());
      }
    } else {
      c = new WindowCounts(c.posts(), c.viewsGained() + a.viewsGained(), c.samples());
    }
    counts.put(start, c);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WindowStats> out)
      throws Exception {
    long start = timestamp - latenessMillis - sizeMillis + 1;
    WindowCounts c = counts.get(start);
    counts.remove(start);
    if (c == null) {
      c = EMPTY;
    }
    List<String> authors = authorsOf(start);
    TagSummary before = summary.value();
    long cumulativeBefore = before == null ? 0 : before.cumulativeParticipants();
    List<String> earliest = new ArrayList<>(
        before == null ? List.of() : Arrays.asList(before.earliestParticipants()));
    long newParticipants = 0;
    for (String author : authors) {
      if (!participants.contains(author)) {
        participants.put(author, start);
        newParticipants++;
        if (earliest.size() < sampleSize) {
          earliest.add(author);
        }
      }
    }
    long firstSeen = before == null ? start : before.firstSeenMillis();
    String[] earliestArray = earliest.toArray(new String[0]);
    String[] key = ctx.getCurrentKey().split(":", 2);
    WindowStats.Counts counts = new WindowStats.Counts(c.posts(), authors.size(),
        newParticipants, cumulativeBefore + newParticipants, c.viewsGained(),
        (double) newParticipants / Math.max(1, cumulativeBefore),
        before == null ? 0 : before.previousNewParticipants(),
        before == null ? 0 : before.previousViewsGained());
    WindowStats stats = new WindowStats(
        TagKind.valueOf(key[0].toUpperCase(java.util.Locale.ROOT)), key[1],
        Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + sizeMillis), counts,
        WindowStats.Trend.NONE, Instant.ofEpochMilli(firstSeen), videoIds(c.samples()), earliestArray);
    out.collect(stats);

    boolean empty = c.posts() == 0 && c.viewsGained() == 0;
    int emptyInARow = empty ? (before == null ? 1 : before.emptyWindowsInARow() + 1) : 0;
    summary.update(new TagSummary(cumulativeBefore + newParticipants, firstSeen, earliestArray,
        newParticipants, c.viewsGained(), emptyInARow, start));
    if (emptyInARow < idleWindows) {
      ctx.timerService().registerEventTimeTimer(fireTime(start + sizeMillis));
    }
  }

  private void windowClosed(TagActivity a, long start, Context ctx) {
    lateActivities.inc();
    String windowId = Ids.join(a.kind().wire(), a.tag(), start);
    // One dead letter per activity: a video's post, or its views gained at one observation.
    Origin origin = Origin.document(a.kind().windowIndex(),
        windowId + "/" + a.videoId() + (a.newPost() ? "/post" : "/views@" + a.eventTimeMillis()));
    ctx.output(DeadLetters.TAG, DeadLetters.of(a.toString(), DeadLetter.STAGE_TREND,
        DeadLetter.REASON_WINDOW_CLOSED, null,
        (a.newPost() ? "new post " : a.viewsGained() + " views gained by ") + a.videoId()
            + " arrived after window " + windowId + " was emitted (watermark "
            + Instant.ofEpochMilli(ctx.timerService().currentWatermark()) + ")",
        origin, Instant.ofEpochMilli(a.eventTimeMillis())));
  }

  /** The window's authors in the order they first posted (then by id), removed from state. */
  private List<String> authorsOf(long start) throws Exception {
    String prefix = start + "|";
    List<Map.Entry<String, Long>> found = new ArrayList<>();
    Iterator<Map.Entry<String, Long>> it = windowAuthors.iterator();
    while (it.hasNext()) {
      Map.Entry<String, Long> e = it.next();
      if (e.getKey().startsWith(prefix)) {
        found.add(Map.entry(e.getKey().substring(prefix.length()), e.getValue()));
        it.remove();
      }
    }
    found.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
    List<String> authors = new ArrayList<>(found.size());
    for (Map.Entry<String, Long> e : found) {
      authors.add(e.getKey());
    }
    return authors;
  }

  /** Keeps the {@code sampleSize} smallest entries, so the sample is the same whatever the order. */
  private String[] keepSmallest(String[] sorted, String candidate) {
    int pos = Arrays.binarySearch(sorted, candidate);
    if (pos >= 0 || (-pos - 1) >= sampleSize) {
      return sorted;
    }
    int at = -pos - 1;
    int length = Math.min(sorted.length + 1, sampleSize);
    String[] next = new String[length];
    System.arraycopy(sorted, 0, next, 0, at);
    next[at] = candidate;
    System.arraycopy(sorted, at, next, at + 1, length - at - 1);
    return next;
  }

  /**
   * "millis|videoId" with the millis zero-padded to 13 digits, so the strings sort by time; by
   * hand because String.format was a visible share of the operator's time.
   */
  static String sampleKey(long millis, String videoId) {
    String digits = Long.toString(millis);
    StringBuilder b = new StringBuilder(14 + videoId.length());
    for (int i = digits.length(); i < 13; i++) {
      b.append('0');
    }
    return b.append(digits).append('|').append(videoId).toString();
  }

  private static String[] videoIds(String[] samples) {
    String[] ids = new String[samples.length];
    for (int i = 0; i < samples.length; i++) {
      ids[i] = samples[i].substring(samples[i].indexOf('|') + 1);
    }
    return ids;
  }
}
