package io.challengeradar.serving.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.serving.BadInputException;
import io.challengeradar.serving.TooLargeException;
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
  void overALimitIs413NamingTheField() {
    ErrorMapping.HttpError err = ErrorMapping.map(
        new TooLargeException("videos[3].frames[2]", "over the budget"), null);

    assertThat(err.status()).isEqualTo(413);
    assertThat(err.body().error()).isEqualTo("too_large");
    assertThat(err.body().field()).isEqualTo("videos[3].frames[2]");
  }

  @Test
  void errorIdsDiffer() {
    assertThat(ErrorMapping.newErrorId()).isNotEqualTo(ErrorMapping.newErrorId());
  }
}
