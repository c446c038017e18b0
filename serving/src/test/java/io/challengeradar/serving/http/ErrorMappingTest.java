package io.challengeradar.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.serving.BadInputException;
import org.junit.jupiter.api.Test;

class ErrorMappingTest {

  @Test
  void anUnexpectedFailureAnswers500WithAnErrorIdAndNotItsText() {
    ErrorMapping.HttpError err = ErrorMapping.map(
        new IllegalStateException("secret path /opt/models/x and a stack"), "5f3a9c");

    assertThat(err.status()).isEqualTo(500);
    assertThat(err.body().error()).isEqualTo("internal");
    assertThat(err.body().message()).contains("5f3a9c")
        .doesNotContain("secret path").doesNotContain("IllegalStateException");
  }

  @Test
  void typedFailuresKeepTheirStatusAndReason() {
    ErrorMapping.HttpError err = ErrorMapping.map(new BadInputException("caption", "empty"), null);

    assertThat(err.status()).isEqualTo(400);
    assertThat(err.body().field()).isEqualTo("caption");
  }

  @Test
  void errorIdsDiffer() {
    assertThat(ErrorMapping.newErrorId()).isNotEqualTo(ErrorMapping.newErrorId());
  }
}
