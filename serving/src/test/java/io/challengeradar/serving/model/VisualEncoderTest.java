package io.challengeradar.serving.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.challengeradar.serving.engine.BatchingEngine;
import io.challengeradar.serving.testing.TestModels;
import io.challengeradar.serving.testing.TestStore;
import io.challengeradar.serving.testing.TinyOnnx;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisualEncoderTest {

  @TempDir Path root;

  private static BufferedImage solid(Color c) {
    BufferedImage img = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, 20, 10);
    g.dispose();
    return img;
  }

  private static BufferedImage stripes() {
    BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 40; x++) {
        img.setRGB(x, y, (x / 4) % 2 == 0 ? 0xFFFFFF : 0x000000);
      }
    }
    return img;
  }

  @Test
  void descriptorIsDeterministicUnitLengthAndTellsImagesApart() {
    float[] red = ImageDescriptor.describe(List.of(solid(Color.RED)));
    float[] again = ImageDescriptor.describe(List.of(solid(Color.RED)));
    float[] blue = ImageDescriptor.describe(List.of(solid(Color.BLUE)));
    float[] striped = ImageDescriptor.describe(List.of(stripes()));

    assertThat(red).hasSize(ImageDescriptor.DIMENSION).containsExactly(again);
    assertThat(norm(red)).isCloseTo(1.0, within(1e-5));
    float[] darkRed = ImageDescriptor.describe(List.of(solid(new Color(200, 20, 20))));
    assertThat(dot(red, darkRed)).isGreaterThan(dot(red, blue) + 0.2);
    // Stripes have edges; a solid colour has none.
    assertThat(striped[76]).isGreaterThan(0f);
    assertThat(red[76]).isZero();
  }

  @Test
  void descriptorOfAVideoIsTheMeanOverItsFrames() {
    float[] both = ImageDescriptor.describe(List.of(solid(Color.RED), solid(Color.BLUE)));
    float[] red = ImageDescriptor.describe(List.of(solid(Color.RED)));
    float[] blue = ImageDescriptor.describe(List.of(solid(Color.BLUE)));

    assertThat(ImageDescriptor.describe(List.of(solid(Color.RED), solid(Color.RED)))).containsExactly(red);
    assertThat(ImageDescriptor.describe(List.of(solid(Color.BLUE), solid(Color.RED)))).containsExactly(both);
    assertThat(dot(both, red)).isGreaterThan(dot(red, blue));
    assertThat(dot(both, blue)).isGreaterThan(dot(red, blue));
  }

  @Test
  void runsAConfiguredOnnxModelThroughDjlAndAveragesFrames() throws Exception {
    TestModels.store(); // DJL offline, cache in the build folder
    Path dir = Files.createDirectories(root.resolve("cnn").resolve("1"));
    Files.write(dir.resolve("tiny.onnx"), TinyOnnx.channelMeanModel());
    new TestStore(root)
        .model(
            "cnn",
            "1",
            "kind=visual-encoder\nengine=OnnxRuntime\nmodel.file=tiny.onnx\nimage.size=8\ndimension=3");
    ModelSpec spec = new ModelStore(root, null).newest("cnn").orElseThrow();

    @SuppressWarnings("unchecked")
    LoadedModel<List<BufferedImage>, float[]> model =
        (LoadedModel<List<BufferedImage>, float[]>) new ModelLoader(null).load(spec);
    try {
      BatchingEngine<List<BufferedImage>, float[]> engine = model.engine();
      List<float[]> out =
          engine.call(
              List.of(List.of(solid(Color.RED)), List.of(solid(Color.RED), solid(Color.BLUE))));

      // ImageNet-normalised channel means of pure red: (1-.485)/.229, -.456/.224, -.406/.225.
      double[] red = {(1 - 0.485) / 0.229, -0.456 / 0.224, -0.406 / 0.225};
      double[] blue = {-0.485 / 0.229, -0.456 / 0.224, (1 - 0.406) / 0.225};
      assertVector(out.get(0), red);
      assertVector(out.get(1), new double[] {red[0] + blue[0], red[1] + blue[1], red[2] + blue[2]});
    } finally {
      model.close(Duration.ofSeconds(5));
    }
  }

  private static void assertVector(float[] actual, double[] unnormalised) {
    double n = Math.sqrt(unnormalised[0] * unnormalised[0] + unnormalised[1] * unnormalised[1]
        + unnormalised[2] * unnormalised[2]);
    assertThat(actual).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat((double) actual[i]).isCloseTo(unnormalised[i] / n, within(1e-4));
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }
}
