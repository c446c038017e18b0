package io.challengeradar.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.api.BadRequestException;
import io.challengeradar.api.query.PageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryParamsTest {

  @Test
  void defaultsToTheFirstPageOfTwenty() {
    PageRequest page = QueryParams.parse(null).page();
    assertThat(page).isEqualTo(new PageRequest(1, 20));
    assertThat(page.from()).isZero();
  }

  @Test
  void nextLinkKeepsTheOtherParametersAndTheirEncoding() {
    QueryParams q = QueryParams.parse("stage=EMERGING%2CPEAKED&page=2&size=5");
    assertThat(q.withPage(3)).isEqualTo("stage=EMERGING%2CPEAKED&page=3&size=5");
  }

  @Test
  void refusesPagesPastTheResultWindow() {
    assertThatThrownBy(() -> QueryParams.parse("page=101&size=100").page())
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("page");
  }

  @Test
  void knowsWhenThereIsANextPage() {
    assertThat(new PageRequest(1, 2).hasNext(3)).isTrue();
    assertThat(new PageRequest(2, 2).hasNext(3)).isFalse();
    assertThat(new PageRequest(1, 2).hasNext(2)).isFalse();
  }

  @Test
  void decodesPathSegmentsOneByOne() {
    assertThat(PathTemplate.split("/v1/challenges/hashtag/caf%C3%A9%2Fbar"))
        .isEqualTo(List.of("v1", "challenges", "hashtag", "café/bar"));
    assertThatThrownBy(() -> PathTemplate.split("/v1/x%ZZ"))
        .isInstanceOf(BadRequestException.class);
  }
}
