package io.challengeradar.training.report;

import io.challengeradar.training.eval.Confusion;
import io.challengeradar.training.nn.EpochStats;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** PNG figures for run reports, drawn with java.awt (headless). */
public final class Charts {

  private static final int W = 720;
  private static final int H = 440;
  private static final int LEFT = 70;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color VALID = new Color(255, 127, 14);
  private static final Color METRIC = new Color(44, 160, 44);

  private Charts() {}

  /** Training and validation loss per epoch, with the validation metric on a second axis. */
  public static void learningCurve(
      String title, List<EpochStats> history, String metricName, int bestEpoch, Path png)
      throws IOException {
    BufferedImage img = canvas();
    Graphics2D g = graphics(img);
    title(g, title);
    int n = history.size();
    double maxLoss = 0;
    double minLoss = Double.MAX_VALUE;
    double maxMetric = 0;
    double minMetric = Double.MAX_VALUE;
    for (EpochStats e : history) {
      maxLoss = Math.max(maxLoss, Math.max(e.trainLoss(), e.validationLoss()));
      minLoss = Math.min(minLoss, Math.min(e.trainLoss(), e.validationLoss()));
      maxMetric = Math.max(maxMetric, e.validationMetric());
      minMetric = Math.min(minMetric, e.validationMetric());
    }
    minLoss = Math.max(0, minLoss - 0.05 * (maxLoss - minLoss));
    if (maxLoss - minLoss < 1e-9) {
      maxLoss = minLoss + 1;
    }
    if (maxMetric - minMetric < 1e-9) {
      maxMetric = minMetric + 0.01;
    }
    axes(g, "epoch", "loss");
    g.setColor(Color.DARK_GRAY);
    for (int t = 0; t <= 4; t++) {
      double v = minLoss + (maxLoss - minLoss) * t / 4;
      int y = y(v, minLoss, maxLoss);
      g.drawString(fmt(v), 8, y + 4);
    }
    for (int t = 0; t <= 4; t++) {
      double v = minMetric + (maxMetric - minMetric) * t / 4;
      g.setColor(METRIC);
      g.drawString(String.format(Locale.ROOT, "%.4f", v), W - RIGHT - 2 - 44, y(v, minMetric, maxMetric) - 2);
    }
    g.setColor(Color.DARK_GRAY);
    for (int e = 1; e <= n; e += Math.max(1, n / 10)) {
      g.drawString(Integer.toString(e), x(e, n) - 4, H - BOTTOM + 18);
    }
    double[] train = new double[n];
    double[] valid = new double[n];
    double[] metric = new double[n];
    for (int i = 0; i < n; i++) {
      train[i] = history.get(i).trainLoss();
      valid[i] = history.get(i).validationLoss();
      metric[i] = history.get(i).validationMetric();
    }
    line(g, train, minLoss, maxLoss, TRAIN);
    line(g, valid, minLoss, maxLoss, VALID);
    line(g, metric, minMetric, maxMetric, METRIC);
    if (bestEpoch >= 1 && bestEpoch <= n) {
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 4}, 0));
      g.drawLine(x(bestEpoch, n), TOP, x(bestEpoch, n), H - BOTTOM);
      g.setStroke(new BasicStroke(1));
      g.drawString("kept: epoch " + bestEpoch, x(bestEpoch, n) + 4, TOP + 14);
    }
    legend(
        g,
        new String[] {"training loss", "validation loss", "validation " + metricName + " (right axis)"},
        new Color[] {TRAIN, VALID, METRIC});
    write(img, png);
  }

  /** A 2x2 confusion matrix with counts and row shares. */
  public static void confusion(String title, Confusion c, String negative, String positive, Path png)
      throws IOException {
    BufferedImage img = canvas();
    Graphics2D g = graphics(img);
    title(g, title);
    long[][] cells = {{c.tn(), c.fp()}, {c.fn(), c.tp()}};
    String[] names = {negative, positive};
    int size = 150;
    int x0 = 260;
    int y0 = 90;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    for (int r = 0; r < 2; r++) {
      long rowTotal = cells[r][0] + cells[r][1];
      for (int k = 0; k < 2; k++) {
        double share = rowTotal == 0 ? 0 : (double) cells[r][k] / rowTotal;
        int shade = (int) Math.round(255 - 180 * share);
        g.setColor(new Color(shade, shade, 255));
        g.fillRect(x0 + k * size, y0 + r * size, size, size);
        g.setColor(Color.BLACK);
        g.drawRect(x0 + k * size, y0 + r * size, size, size);
        String count = String.format(Locale.ROOT, "%,d", cells[r][k]);
        String pct = String.format(Locale.ROOT, "%.1f%%", share * 100);
        g.drawString(count, x0 + k * size + size / 2 - g.getFontMetrics().stringWidth(count) / 2, y0 + r * size + size / 2 - 4);
        g.drawString(pct, x0 + k * size + size / 2 - g.getFontMetrics().stringWidth(pct) / 2, y0 + r * size + size / 2 + 16);
      }
      g.drawString("actual " + names[r], x0 - 10 - g.getFontMetrics().stringWidth("actual " + names[r]), y0 + r * size + size / 2 + 5);
      g.drawString("predicted " + names[r], x0 + r * size + size / 2 - g.getFontMetrics().stringWidth("predicted " + names[r]) / 2, y0 - 10);
    }
    g.drawString(
        String.format(Locale.ROOT, "accuracy %.4f   precision %.4f   recall %.4f   F1 %.4f",
            c.accuracy(), c.precision(), c.recall(), c.f1()),
        LEFT, H - 25);
    write(img, png);
  }

  /** Predicted against actual values (regression), with the diagonal. */
  public static void scatter(String title, float[] predicted, float[] actual, String axis, Path png)
      throws IOException {
    BufferedImage img = canvas();
    Graphics2D g = graphics(img);
    title(g, title);
    double lo = Double.MAX_VALUE;
    double hi = -Double.MAX_VALUE;
    for (int i = 0; i < actual.length; i++) {
      lo = Math.min(lo, Math.min(actual[i], predicted[i]));
      hi = Math.max(hi, Math.max(actual[i], predicted[i]));
    }
    if (hi - lo < 1e-9) {
      hi = lo + 1;
    }
    axes(g, "actual " + axis, "predicted " + axis);
    g.setColor(Color.DARK_GRAY);
    for (int t = 0; t <= 4; t++) {
      double v = lo + (hi - lo) * t / 4;
      g.drawString(fmt(v), 8, y(v, lo, hi) + 4);
      int px = LEFT + (int) Math.round((v - lo) / (hi - lo) * (W - LEFT - RIGHT));
      g.drawString(fmt(v), px - 10, H - BOTTOM + 18);
    }
    g.setColor(new Color(31, 119, 180, 60));
    for (int i = 0; i < actual.length; i++) {
      int px = LEFT + (int) Math.round((actual[i] - lo) / (hi - lo) * (W - LEFT - RIGHT));
      int py = y(predicted[i], lo, hi);
      g.fillOval(px - 2, py - 2, 4, 4);
    }
    g.setColor(Color.RED);
    g.drawLine(LEFT, H - BOTTOM, W - RIGHT, TOP);
    write(img, png);
  }

  private static BufferedImage canvas() {
    return new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
  }

  private static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  private static void title(Graphics2D g, String title) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
  }

  private static void axes(Graphics2D g, String xLabel, String yLabel) {
    g.setColor(Color.BLACK);
    g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
    g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
    g.drawString(xLabel, (W - g.getFontMetrics().stringWidth(xLabel)) / 2, H - 20);
    g.drawString(yLabel, 8, TOP - 10);
  }

  private static void line(Graphics2D g, double[] v, double lo, double hi, Color c) {
    g.setColor(c);
    g.setStroke(new BasicStroke(2));
    int n = v.length;
    for (int i = 0; i < n; i++) {
      int px = x(i + 1, n);
      int py = y(v[i], lo, hi);
      if (i > 0) {
        g.drawLine(x(i, n), y(v[i - 1], lo, hi), px, py);
      }
      g.fillOval(px - 2, py - 2, 5, 5);
    }
    g.setStroke(new BasicStroke(1));
  }

  private static void legend(Graphics2D g, String[] names, Color[] colors) {
    int yy = TOP + 8;
    for (int i = 0; i < names.length; i++) {
      g.setColor(colors[i]);
      g.fillRect(W - RIGHT - 260, yy + i * 18, 14, 10);
      g.setColor(Color.BLACK);
      g.drawString(names[i], W - RIGHT - 240, yy + i * 18 + 10);
    }
  }

  private static int x(int epoch, int n) {
    if (n <= 1) {
      return LEFT + (W - LEFT - RIGHT) / 2;
    }
    return LEFT + (int) Math.round((epoch - 1) * (double) (W - LEFT - RIGHT) / (n - 1));
  }

  private static int y(double v, double lo, double hi) {
    return H - BOTTOM - (int) Math.round((v - lo) / (hi - lo) * (H - TOP - BOTTOM));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3f", v);
  }

  private static void write(BufferedImage img, Path png) throws IOException {
    java.nio.file.Files.createDirectories(png.toAbsolutePath().getParent());
    if (!ImageIO.write(img, "png", png.toFile())) {
      throw new IOException("no PNG writer available for " + png);
    }
  }
}
