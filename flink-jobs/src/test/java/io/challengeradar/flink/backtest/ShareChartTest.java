package io.challengeradar.flink.backtest;

import static io.challengeradar.flink.backtest.ScoringTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareChartTest {

  @TempDir Path tmp;

  @Test
  void drawsAPngOfTheChartsSizeWithTheShareInIt() throws Exception {
    Instant start = Instant.parse("2024-03-01T00:00:00Z");
    TagSeries.Builder b = new TagSeries.Builder();
    for (int h = 0; h < 72; h++) {
      for (int a = 0; a < 10; a++) {
        b.add(post("bg" + h + "-" + a, "bg" + h + "-" + a, start.plus(Duration.ofHours(h)),
            "background"));
      }
      int rising = h < 40 ? 0 : Math.max(0, 12 - Math.abs(h - 50));
      for (int a = 0; a < rising; a++) {
        b.add(post("r" + h + "-" + a, "r" + h + "-" + a, start.plus(Duration.ofHours(h)),
            "rising"));
      }
    }
    TagSeries series = b.build(Duration.ofHours(1));
    TagKey rising = new TagKey("hashtag", "rising");
    List<Detection> alerts = List.of(
        Detection.of("hashtag", "rising", "EMERGING", start.plus(Duration.ofHours(45))),
        Detection.of("hashtag", "rising", "PEAKED", start.plus(Duration.ofHours(52))));

    BufferedImage image = ShareChart.draw(series, rising, 24, alerts,
        new NaiveBaseline(10).detect(series), "a test");
    Path file = tmp.resolve("charts/rising.png");
    ShareChart.write(image, file);

    BufferedImage back = ImageIO.read(file.toFile());
    assertThat(back.getWidth()).isEqualTo(ShareChart.WIDTH);
    assertThat(back.getHeight()).isEqualTo(ShareChart.HEIGHT);
    assertThat(Files.size(file)).isGreaterThan(5_000);
    // The share line is drawn in its colour somewhere in the plot.
    boolean blue = false;
    for (int x = 0; x < back.getWidth() && !blue; x++) {
      for (int y = 0; y < back.getHeight() && !blue; y++) {
        blue = (back.getRGB(x, y) & 0xffffff) == 0x1f77b4;
      }
    }
    assertThat(blue).isTrue();
  }

  @Test
  void aTagTheDataDoesNotHoldStillGivesAChart() {
    TagSeries.Builder b = new TagSeries.Builder();
    b.add(post("v", "a", Instant.parse("2024-03-01T00:00:00Z"), "other"));

    BufferedImage image = ShareChart.draw(b.build(Duration.ofHours(1)),
        new TagKey("hashtag", "absent"), 24, List.of(), List.of(), "missing tag");

    assertThat(image.getWidth()).isEqualTo(ShareChart.WIDTH);
  }
}
