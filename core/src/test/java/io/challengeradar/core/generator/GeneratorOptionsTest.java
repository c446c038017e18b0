package io.challengeradar.core.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorOptionsTest {

  @Test
  void defaultsAreTwentyThousandPostsOverTwoWeeksFromAFixedStart() {
    GeneratorOptions d = GeneratorOptions.defaults();
    assertThat(d.posts()).isEqualTo(20_000);
    assertThat(d.span()).isEqualTo(Duration.ofDays(14));
    assertThat(d.start()).isEqualTo(Instant.parse("2021-03-01T00:00:00Z"));
    assertThat(d.authors()).isEqualTo(2_500);
    assertThat(d.disorder()).isZero();
  }

  @Test
  void spanScalesWithPostsWithinBounds() {
    assertThat(GeneratorOptions.spanFor(10_000)).isEqualTo(Duration.ofDays(7));
    assertThat(GeneratorOptions.spanFor(100)).isEqualTo(GeneratorOptions.MIN_DERIVED_SPAN);
    assertThat(GeneratorOptions.spanFor(5_000_000)).isEqualTo(GeneratorOptions.MAX_DERIVED_SPAN);
    assertThat(GeneratorOptions.authorsFor(10)).isEqualTo(GeneratorOptions.MIN_DERIVED_AUTHORS);
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        bad("posts", o -> GeneratorOptions.of(1, 0)),
        bad("start", o -> o.withStart(Instant.parse("1999-12-31T00:00:00Z"))),
        bad("start", o -> o.withStart(Instant.parse("2021-03-01T00:00:00.5Z"))),
        bad("span", o -> o.withSpan(Duration.ofMinutes(90))),
        bad("span", o -> o.withSpan(Duration.ZERO)),
        bad("authors", o -> o.withAuthors(0)),
        bad("challenges", o -> o.withChallenges(-1)),
        bad("challenges", o -> o.withChallenges(GeneratorOptions.MAX_CHALLENGES + 1)),
        bad("challengeShare", o -> o.withChallengeShare(0.9)),
        bad("challengeShare", o -> o.withChallengeShare(Double.NaN)),
        bad("disorder", o -> o.withDisorder(Duration.ofSeconds(-1))),
        bad("disorder", o -> o.withDisorder(Duration.ofDays(2))));
  }

  private static Arguments bad(String field, UnaryOperator<GeneratorOptions> change) {
    return Arguments.of(field, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void refusesBadValueNamingTheArgument(String field, UnaryOperator<GeneratorOptions> change) {
    assertThatThrownBy(() -> change.apply(GeneratorOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field + " ");
  }
}
