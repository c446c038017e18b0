package io.challengeradar.serving.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.TooLargeException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodyLimitTest {

  /** A body that must not be touched: any read fails the test. */
  private static final InputStream UNREAD = new InputStream() {
    @Override
    public int read() {
      throw new AssertionError("the body was read");
    }
  };

  @Test
  void refusesADeclaredLengthOverTheLimitWithoutReadingTheBody() {
    assertThatThrownBy(() -> BodyLimit.read("1048577", UNREAD, 1 << 20))
        .isInstanceOfSatisfying(TooLargeException.class, e -> {
          assertThat(e.field()).isEqualTo("body");
          assertThat(e.reason()).contains("1048577 bytes").contains("serving.max-body-bytes");
        });
  }

  @Test
  void cutsAChunkedBodyAtTheLimit() {
    CountingStream endless = new CountingStream();
    assertThatThrownBy(() -> BodyLimit.read(null, endless, 1000))
        .isInstanceOf(TooLargeException.class)
        .hasMessageContaining("more than 1000 bytes");
    // Read up to the limit and one byte more, not to the end.
    assertThat(endless.served).isEqualTo(1001);
  }

  @Test
  void readsABodyWithinTheLimit() throws Exception {
    assertThat(BodyLimit.read("3", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3))
        .containsExactly(1, 2, 3);
    assertThat(BodyLimit.read(null, new ByteArrayInputStream(new byte[] {1, 2}), 3))
        .containsExactly(1, 2);
  }

  @Test
  void refusesAContentLengthThatIsNotANumber() {
    assertThatThrownBy(() -> BodyLimit.read("12x", UNREAD, 10))
        .isInstanceOfSatisfying(BadInputException.class,
            e -> assertThat(e.field()).isEqualTo("Content-Length"));
  }

  /** An endless body of zeros that counts what it served. */
  private static final class CountingStream extends InputStream {
    long served;

    @Override
    public int read() {
      served++;
      return 0;
    }
  }
}
