package io.challengeradar.serving.model;

import io.challengeradar.serving.engine.BatchPredictor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The default visual encoder: a deterministic, weight-free descriptor of colour and edges, used
 * where no pretrained CNN can be shipped. Each frame gives a 4x4x4 RGB histogram (64), an
 * 8-bin gradient orientation histogram weighted by magnitude (8) and six global statistics
 * (brightness mean and spread, gradient mean and spread, edge density, colourfulness); a video's
 * vector is the mean over its frames, L2-normalised.
 */
public final class ImageDescriptor {

  public static final int DIMENSION = 64 + 8 + 6;
  static final int SIDE = 64;
  private static final double EDGE_THRESHOLD = 0.25;

  private ImageDescriptor() {}

  public static BatchPredictor<List<BufferedImage>, float[]> predictor() {
    return batch -> {
      List<float[]> out = new ArrayList<>(batch.size());
      for (List<BufferedImage> frames : batch) {
        out.add(describe(frames));
      }
      return out;
    };
  }

  /** The mean descriptor over the frames, L2-normalised. */
  public static float[] describe(List<BufferedImage> frames) {
    double[] sum = new double[DIMENSION];
    for (BufferedImage frame : frames) {
      double[] d = frame(frame);
      for (int i = 0; i < DIMENSION; i++) {
        sum[i] += d[i];
      }
    }
    return Vectors.normalise(sum);
  }

  private static double[] frame(BufferedImage source) {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, 0, 0, SIDE, SIDE, null);
    } finally {
      g.dispose();
    }
    double[] d = new double[DIMENSION];
    double[] gray = new double[SIDE * SIDE];
    double pixels = SIDE * SIDE;
    double colourful = 0;
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int gr = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        d[(r >> 6) * 16 + (gr >> 6) * 4 + (b >> 6)] += 1 / pixels;
        gray[y * SIDE + x] = (0.299 * r + 0.587 * gr + 0.114 * b) / 255.0;
        colourful += (Math.max(r, Math.max(gr, b)) - Math.min(r, Math.min(gr, b))) / 255.0;
      }
    }
    double gMean = mean(gray);
    double gradSum = 0;
    double gradSq = 0;
    int edges = 0;
    int n = 0;
    for (int y = 1; y < SIDE - 1; y++) {
      for (int x = 1; x < SIDE - 1; x++) {
        double gx = sobel(gray, x, y, true);
        double gy = sobel(gray, x, y, false);
        double mag = Math.hypot(gx, gy);
        double angle = Math.atan2(gy, gx) + Math.PI; // 0..2pi
        int bin = Math.min(7, (int) (angle / (2 * Math.PI) * 8));
        d[64 + bin] += mag;
        gradSum += mag;
        gradSq += mag * mag;
        edges += mag > EDGE_THRESHOLD ? 1 : 0;
        n++;
      }
    }
    for (int i = 64; i < 72; i++) {
      d[i] /= Math.max(gradSum, 1e-9);
    }
    double gradMean = gradSum / n;
    d[72] = gMean;
    d[73] = Math.sqrt(Math.max(0, variance(gray, gMean)));
    d[74] = gradMean;
    d[75] = Math.sqrt(Math.max(0, gradSq / n - gradMean * gradMean));
    d[76] = edges / (double) n;
    d[77] = colourful / pixels;
    return d;
  }

  private static double sobel(double[] g, int x, int y, boolean horizontal) {
    if (horizontal) {
      return (at(g, x + 1, y - 1) + 2 * at(g, x + 1, y) + at(g, x + 1, y + 1))
          - (at(g, x - 1, y - 1) + 2 * at(g, x - 1, y) + at(g, x - 1, y + 1));
    }
    return (at(g, x - 1, y + 1) + 2 * at(g, x, y + 1) + at(g, x + 1, y + 1))
        - (at(g, x - 1, y - 1) + 2 * at(g, x, y - 1) + at(g, x + 1, y - 1));
  }

  private static double at(double[] g, int x, int y) {
    return g[y * SIDE + x];
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double variance(double[] v, double mean) {
    double s = 0;
    for (double x : v) {
      s += (x - mean) * (x - mean);
    }
    return s / v.length;
  }
}
