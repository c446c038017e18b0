package io.challengeradar.flink.backtest;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.challengeradar.config.Config;
import io.challengeradar.flink.CepThresholds;
import io.challengeradar.flink.PipelineOptions;
import io.challengeradar.flink.SurgeSettings;
import io.challengeradar.flink.results.PipelineResults;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A backtest: the events replayed through the job once per setting, the alerts scored against
 * the truth list next to the naive baseline on the same windows, and a chart per truth tag that
 * was flagged or missed. The caller brings the events, the truth and an Elasticsearch.
 */
public final class Backtest {

  private Backtest() {}

  /**
   * What to run.
   *
   * @param events canonical NDJSON in event-time order
   * @param lines its lines (for progress)
   * @param source the data in words (for titles)
   * @param truth the truth list; only its kinds are scored
   * @param settings one job setting per replay (the sweep's grid, or one)
   * @param naive the baseline detector
   * @param out folder for the charts (one sub-folder per setting when there are several)
   * @param charts whether to draw them
   */
  public record Request(Path events, long lines, String source, List<TruthEntry> truth,
      List<Setting> settings, NaiveBaseline naive, Path out, boolean charts) {
    public Request {
      truth = List.copyOf(truth);
      settings = List.copyOf(settings);
      if (settings.isEmpty()) {
        throw new IllegalArgumentException("settings must name at least one job setting");
      }
    }
  }

  /** One job setting: a short name and the job's whole configuration. */
  public record Setting(String name, Config config) {
    public Duration window() {
      return config.get(PipelineOptions.WINDOW_SIZE);
    }

    public int baselineWindows() {
      return config.get(SurgeSettings.BASELINE_WINDOWS);
    }
  }

  /**
   * One replay's outcome.
   *
   * @param radar the job's alerts scored
   * @param naive the naive baseline scored on the same windows
   * @param charts the PNGs written
   */
  public record Result(Setting setting, Score radar, Score naive, PipelineResults results,
      List<Path> charts, long elapsedMs) {}

  /**
   * The sweep: windows of 1 h, 12 h and 1 day, each with a baseline of 1 and of 4 days. Every
   * option that counts windows is set for the window length, so each span means the same time
   * in every cell: the recent span (6 h at hourly windows, a day at longer ones), the baseline,
   * the warm-up (half the baseline's span, as in both shipped settings) and the run of surging
   * windows EMERGING and ACCELERATING ask for (2 h at hourly windows, one window at longer ones).
   * Left to the base setting, a warm-up of 12 windows would be 12 days at daily windows, longer
   * than most crawls. The hourly cell with a 1-day baseline is the shipped defaults; the 12 h cell
   * with a 4-day baseline is docs/replays-12h.properties.
   */
  public static List<Setting> grid(Config base) {
    List<Setting> grid = new ArrayList<>();
    record Cell(String name, Duration window, int recent, int perDay, int surgingRun) {}
    for (Cell c : List.of(new Cell("1h", Duration.ofHours(1), 6, 24, 2),
        new Cell("12h", Duration.ofHours(12), 2, 2, 1),
        new Cell("1d", Duration.ofDays(1), 1, 1, 1))) {
      for (int days : new int[] {1, 4}) {
        int baseline = c.perDay() * days;
        grid.add(new Setting(c.name() + " windows, " + days + "d baseline", base
            .with(PipelineOptions.WINDOW_SIZE, c.window(), "sweep")
            .with(SurgeSettings.RECENT_WINDOWS, c.recent(), "sweep")
            .with(SurgeSettings.BASELINE_WINDOWS, baseline, "sweep")
            .with(SurgeSettings.WARMUP_WINDOWS, (baseline + 1) / 2, "sweep")
            .with(CepThresholds.EMERGING_WINDOWS, c.surgingRun(), "sweep")
            .with(CepThresholds.ACCELERATING_WINDOWS, c.surgingRun(), "sweep")));
      }
    }
    return grid;
  }

  /** The truth list the rule makes from the events, for data that comes without one. */
  public static List<TruthEntry> truthFromData(Path events, String kind) throws IOException {
    return TruthRule.defaults().apply(TagSeries.read(events, Duration.ofDays(1)), kind);
  }

  /** Replays once per setting and scores each; progress goes to {@code log}. */
  public static List<Result> run(Request request, ElasticsearchClient client, PrintStream log)
      throws IOException, InterruptedException {
    List<Result> results = new ArrayList<>();
    Map<Duration, TagSeries> seriesByWindow = new HashMap<>();
    int i = 0;
    for (Setting setting : request.settings()) {
      i++;
      log.println("backtest " + i + "/" + request.settings().size() + ": " + setting.name());
      long start = System.nanoTime();
      Replay.Outcome replay = Replay.run(setting.config(), request.events(), request.lines(),
          request.out().resolve("checkpoints"), client);
      TagSeries series = seriesByWindow.computeIfAbsent(setting.window(), w -> read(request, w));
      Score radar = Scoring.score("radar", request.truth(), replay.alerts(), series,
          TruthRule.DEFAULT_MIN_AUTHORS);
      List<Detection> naiveFlags = request.naive().detect(series);
      Score naive = Scoring.score("naive", request.truth(), naiveFlags, series,
          TruthRule.DEFAULT_MIN_AUTHORS);
      Path folder = request.settings().size() == 1 ? request.out()
          : request.out().resolve(slug(setting.name()));
      List<Path> charts = request.charts()
          ? charts(request, setting, series, radar, naive, folder) : List.of();
      results.add(new Result(setting, radar, naive, replay.results(), charts,
          (System.nanoTime() - start) / 1_000_000));
    }
    return results;
  }

  private static TagSeries read(Request request, Duration window) {
    try {
      return TagSeries.read(request.events(), window);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> charts(Request request, Setting setting, TagSeries series,
      Score radar, Score naive, Path folder) throws IOException {
    Map<TagKey, List<Detection>> naiveByKey = new LinkedHashMap<>();
    naive.rows().forEach(r -> naiveByKey.put(r.key(), r.flags()));
    List<Path> written = new ArrayList<>();
    for (Score.Row row : radar.rows()) {
      Path file = folder.resolve(slug(row.key().kind() + "-" + row.key().tag()) + ".png");
      String outcome = row.detected()
          ? String.format(Locale.ROOT, "flagged %s, lead %s", row.firstStage(),
              row.leadHours() == null ? "n/a" : String.format(Locale.ROOT, "%+.1f h",
                  row.leadHours()))
          : "missed";
      ShareChart.write(ShareChart.draw(series, row.key(), setting.baselineWindows(), row.flags(),
          naiveByKey.getOrDefault(row.key(), List.of()),
          request.source() + "; " + setting.name() + "; " + outcome), file);
      written.add(file);
    }
    return written;
  }

  /** A file name from a tag: letters, digits, '-' and '_' kept, anything else as '_'. */
  static String slug(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().forEach(c -> b.append(Character.isLetterOrDigit(c) || c == '-' || c == '_'
        ? new String(Character.toChars(c)) : "_"));
    String out = b.toString();
    return out.length() > 100 ? out.substring(0, 100) : out;
  }
}
