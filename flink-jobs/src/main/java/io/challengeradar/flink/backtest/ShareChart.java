package io.challengeradar.flink.backtest;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import javax.imageio.ImageIO;

/**
 * One tag's picture: its share of new participants per window, its baseline (the mean share of
 * the windows before, over the baseline span), the alerts as markers with their stage, and its
 * peak. Drawn with Java2D on an image in memory (headless: no display, no native library).
 */
public final class ShareChart {

  public static final int WIDTH = 1000;
  public static final int HEIGHT = 520;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final Color SHARE = new Color(31, 119, 180);
  private static final Color BASELINE = new Color(120, 120, 120);
  private static final Color ALERT = new Color(214, 39, 40);
  private static final Color NAIVE = new Color(44, 160, 44);
  private static final Color PEAK = new Color(255, 127, 14);

  private ShareChart() {}

  /**
   * Draws the chart.
   *
   * @param baselineWindows windows averaged into the baseline
   * @param alerts the detector's flags on the tag
   * @param naive the naive baseline's flag on the tag, if any (drawn apart)
   * @param subtitle what the run was (data set, settings)
   */
  public static BufferedImage draw(TagSeries series, TagKey key, int baselineWindows,
      List<Detection> alerts, List<Detection> naive, String subtitle) {
    System.setProperty("java.awt.headless", "true");
    long size = series.window().toMillis();
    NavigableMap<Long, Long> volume = series.volume(key.kind());
    NavigableMap<Long, Long> own = series.newParticipants(key);
    long from;
    long to;
    if (own.isEmpty() || volume.isEmpty()) {
      from = volume.isEmpty() ? 0 : volume.firstKey();
      to = volume.isEmpty() ? size : volume.lastKey() + size;
    } else {
      long margin = Math.max(Duration.ofDays(2).toMillis(), 6 * size);
      from = Math.max(volume.firstKey(), own.firstKey() - margin);
      to = Math.min(volume.lastKey() + size, own.lastKey() + size + margin / 2);
    }
    for (Detection d : alerts) {
      to = Math.max(to, d.at().toEpochMilli());
    }
    int n = (int) Math.max(1, (to - from) / size);
    double[] share = new double[n];
    double[] baseline = new double[n];
    double max = 0.0001;
    for (int i = 0; i < n; i++) {
      long start = from + i * size;
      share[i] = series.share(key, start);
      double sum = 0;
      int count = 0;
      for (long w = start - baselineWindows * size; w < start; w += size) {
        if (volume.containsKey(w)) {
          sum += series.share(key, w);
          count++;
        }
      }
      baseline[i] = count == 0 ? 0 : sum / count;
      max = Math.max(max, Math.max(share[i], baseline[i]));
    }
    max = niceCeiling(max);

    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      int plotW = WIDTH - LEFT - RIGHT;
      int plotH = HEIGHT - TOP - BOTTOM;
      Plot plot = new Plot(from, to, max, plotW, plotH);

      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.drawString(key + ": share of new participants per " + human(series.window())
          + " window", LEFT, 22);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(subtitle, LEFT, 40);
      axes(g, plot, size);

      Path2D.Double base = new Path2D.Double();
      Path2D.Double line = new Path2D.Double();
      for (int i = 0; i < n; i++) {
        double x = plot.x(from + i * size + size / 2);
        if (i == 0) {
          base.moveTo(x, plot.y(baseline[i]));
          line.moveTo(x, plot.y(share[i]));
        } else {
          base.lineTo(x, plot.y(baseline[i]));
          line.lineTo(x, plot.y(share[i]));
        }
      }
      g.setColor(BASELINE);
      g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1,
          new float[] {6, 4}, 0));
      g.draw(base);
      g.setColor(SHARE);
      g.setStroke(new BasicStroke(1.6f));
      g.draw(line);

      TagSeries.Peak peak = series.peak(key);
      if (peak != null) {
        int px = (int) plot.x(peak.start().toEpochMilli() + size / 2);
        g.setColor(PEAK);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1,
            new float[] {2, 3}, 0));
        g.drawLine(px, TOP, px, TOP + plotH);
        g.drawString("peak (" + peak.newParticipants() + " new)", px + 3, TOP + plotH - 4);
      }
      markers(g, plot, alerts, ALERT, 0);
      markers(g, plot, naive, NAIVE, 1);
      legend(g, plotW);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** Writes the chart as a PNG, creating the folder. */
  public static void write(BufferedImage image, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer in this JVM");
    }
  }

  private record Plot(long from, long to, double max, int width, int height) {
    double x(long millis) {
      return LEFT + (millis - from) * (double) width / Math.max(1, to - from);
    }

    double y(double share) {
      return TOP + height - share / max * height;
    }
  }

  private static void axes(Graphics2D g, Plot plot, long size) {
    g.setStroke(new BasicStroke(1f));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i <= 5; i++) {
      double v = plot.max() * i / 5;
      int y = (int) plot.y(v);
      g.setColor(new Color(230, 230, 230));
      g.drawLine(LEFT, y, LEFT + plot.width(), y);
      g.setColor(Color.BLACK);
      String label = String.format(Locale.ROOT, v * 100 >= 10 || v == 0 ? "%.0f%%" : "%.1f%%",
          v * 100);
      g.drawString(label, LEFT - 6 - fm.stringWidth(label), y + 4);
    }
    long span = plot.to() - plot.from();
    long day = Duration.ofDays(1).toMillis();
    long step = span <= 2 * day ? Duration.ofHours(6).toMillis()
        : Math.max(day, (span / 10 + day - 1) / day * day);
    DateTimeFormatter fmt = DateTimeFormatter.ofPattern(
        step < day ? "MM-dd HH:mm" : "yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    for (long t = plot.from() - Math.floorMod(plot.from(), step) + step; t < plot.to();
        t += step) {
      int x = (int) plot.x(t);
      g.setColor(new Color(240, 240, 240));
      g.drawLine(x, TOP, x, TOP + plot.height());
      g.setColor(Color.BLACK);
      String label = fmt.format(Instant.ofEpochMilli(t));
      g.drawString(label, x - fm.stringWidth(label) / 2, TOP + plot.height() + 16);
    }
    g.drawRect(LEFT, TOP, plot.width(), plot.height());
    g.drawString("time (UTC)", LEFT + plot.width() / 2 - 25, HEIGHT - 18);
    Graphics2D r = (Graphics2D) g.create();
    r.rotate(-Math.PI / 2);
    r.drawString("share of new participants", -(TOP + plot.height() / 2 + 70), 16);
    r.dispose();
  }

  private static void markers(Graphics2D g, Plot plot, List<Detection> flags, Color color,
      int row) {
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
    int lastX = Integer.MIN_VALUE;
    int stack = 0;
    for (Detection d : flags) {
      int x = (int) plot.x(d.at().toEpochMilli());
      stack = x - lastX < 60 ? stack + 1 : 0;
      lastX = x;
      int y = TOP + 14 + row * 4 + stack * 14;
      g.setColor(color);
      g.fillPolygon(new int[] {x - 5, x + 5, x}, new int[] {y - 9, y - 9, y}, 3);
      g.setStroke(new BasicStroke(0.8f));
      g.drawLine(x, y, x, TOP + plot.height());
      g.drawString(d.stage(), x + 6, y);
    }
  }

  private static void legend(Graphics2D g, int plotW) {
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    int y = HEIGHT - 32;
    Object[][] items = {{SHARE, "share"}, {BASELINE, "baseline (mean of earlier windows)"},
        {ALERT, "alert (stage)"}, {NAIVE, "naive threshold"}};
    int width = 0;
    for (Object[] item : items) {
      width += 16 + g.getFontMetrics().stringWidth((String) item[1]) + 14;
    }
    int x = LEFT + plotW - width;
    for (Object[] item : items) {
      g.setColor((Color) item[0]);
      g.fillRect(x, y - 8, 12, 8);
      g.setColor(Color.BLACK);
      g.drawString((String) item[1], x + 16, y);
      x += 16 + g.getFontMetrics().stringWidth((String) item[1]) + 14;
    }
  }

  private static double niceCeiling(double v) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= v) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  static String human(Duration d) {
    if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return d.toDays() == 1 ? "1-day" : d.toDays() + "-day";
    }
    if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
      return d.toHours() + "-hour";
    }
    return d.toMinutes() + "-minute";
  }
}
