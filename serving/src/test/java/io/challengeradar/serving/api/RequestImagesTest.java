package io.challengeradar.serving.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.TooLargeException;
import io.challengeradar.serving.testing.PixelBombs;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestImagesTest {

  private static final int MIB = 1 << 20;
  private static final String BOMB =
      Base64.getEncoder().encodeToString(PixelBombs.undecodable(4096, 4096));

  private static ServingLimits limits(long perImage, long perRequest) {
    return new ServingLimits(256, 1000, 4 * MIB, 16, 16, perImage, perRequest);
  }

  @Test
  void chargesEachImageFromItsHeaderWithoutDecodingIt() {
    RequestImages images = new RequestImages(limits(16L << 20, 64L << 20));
    // Its pixel data is garbage: had it been decoded, this would be a 400.
    List<RequestImages.Sized> sized = images.add("videos[0]", BOMB, List.of(BOMB, BOMB));
    assertThat(sized).extracting(RequestImages.Sized::field)
        .containsExactly("videos[0].image", "videos[0].frames[0]", "videos[0].frames[1]");
    assertThat(images.pixels()).isEqualTo(3L * 4096 * 4096);
  }

  @Test
  void refusesTheImageWhereTheRequestRunsOverItsPixelBudget() {
    RequestImages images = new RequestImages(limits(16L << 20, 40L << 20));
    images.add("videos[0]", BOMB, List.of(BOMB));
    assertThatThrownBy(() -> images.add("videos[1]", null, Collections.nCopies(16, BOMB)))
        .isInstanceOfSatisfying(TooLargeException.class, e -> {
          assertThat(e.field()).isEqualTo("videos[1].frames[0]");
          assertThat(e.reason()).contains("serving.max-request-pixels");
        });
  }

  @Test
  void refusesOneImageOverThePerImageLimit() {
    RequestImages images = new RequestImages(limits(1000, 64L << 20));
    assertThatThrownBy(() -> images.add("videos[0]", BOMB, null))
        .isInstanceOfSatisfying(TooLargeException.class, e -> {
          assertThat(e.field()).isEqualTo("videos[0].image");
          assertThat(e.reason()).contains("4096x4096").contains("serving.max-image-pixels");
        });
  }

  @Test
  void anUnreadableHeaderIsBadInputNamingTheField() {
    RequestImages images = new RequestImages(limits(16L << 20, 64L << 20));
    String notAnImage = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    assertThatThrownBy(() -> images.add("videos[2]", null, List.of(notAnImage)))
        .isInstanceOfSatisfying(BadInputException.class,
            e -> assertThat(e.field()).isEqualTo("videos[2].frames[0]"));
  }

  @Test
  void decodesWhatFits() {
    String small = Base64.getEncoder().encodeToString(PixelBombs.png(64, 32));
    RequestImages images = new RequestImages(limits(16L << 20, 64L << 20));
    assertThat(RequestImages.decode(images.add("videos[0]", small, null)))
        .singleElement().satisfies(img -> assertThat(img.getWidth()).isEqualTo(64));
  }
}
