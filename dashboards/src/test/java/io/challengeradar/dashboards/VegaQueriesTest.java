package io.challengeradar.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Kibana's Vega placeholders, filled as its Vega plugin's query parser fills them. */
class VegaQueriesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant FROM = Instant.parse("2021-03-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2021-03-15T00:00:00Z");
  private static final KibanaContext TWO_WEEKS = KibanaContext.between(FROM, TO);
  private static final JsonNode ONE_TAG = json("{\"term\": {\"tag\": \"milkcrate\"}}");

  private static JsonNode json(String s) {
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static VegaQueries.Search fill(String url, KibanaContext context) {
    return VegaQueries.fill((ObjectNode) json(url), context);
  }

  @Test
  void contextAndTimefieldMakeTheQueryTheDashboardContextWithTheTimeRange() {
    VegaQueries.Search s = fill("{\"index\": \"radar-videos\", \"%context%\": true,"
        + " \"%timefield%\": \"createdAt\", \"body\": {\"size\": 0}}",
        TWO_WEEKS.filteredBy(ONE_TAG));
    assertThat(s.index()).isEqualTo("radar-videos");
    assertThat(s.body()).isEqualTo(json("""
        {"size": 0, "query": {"bool": {
          "must": [{"range": {"createdAt": {"gte": "2021-03-01T00:00:00Z",
            "lte": "2021-03-15T00:00:00Z", "format": "strict_date_optional_time"}}}],
          "filter": [{"term": {"tag": "milkcrate"}}], "should": [], "must_not": []}}}"""));
  }

  @Test
  void clausePlaceholdersBecomeTheContextsClausesOrVanish() {
    VegaQueries.Search s = fill("""
        {"index": "a", "body": {"query": {"bool": {
          "must": ["%dashboard_context-must_clause%", {"exists": {"field": "x"}}],
          "filter": ["%dashboard_context-filter_clause%"],
          "must_not": ["%dashboard_context-must_not_clause%"]}}}}""",
        TWO_WEEKS.filteredBy(ONE_TAG));
    assertThat(s.body().path("query")).isEqualTo(json("""
        {"bool": {"must": [{"exists": {"field": "x"}}], "filter": [{"term": {"tag": "milkcrate"}}],
          "must_not": []}}"""));
  }

  @Test
  void timefilterBecomesBoundsInMillisOrARange() {
    VegaQueries.Search s = fill("""
        {"index": "a", "body": {"query": {"range": {"t": {"%timefilter%": true}}},
          "aggs": {"h": {"date_histogram": {"field": "t", "interval": "1d",
            "extended_bounds": {"min": {"%timefilter%": "min"},
              "max": {"%timefilter%": "max", "shift": -1, "unit": "day"}}}}}}}""", TWO_WEEKS);
    assertThat(s.body().at("/query/range/t")).isEqualTo(json("""
        {"gte": "2021-03-01T00:00:00Z", "lte": "2021-03-15T00:00:00Z",
          "format": "strict_date_optional_time"}"""));
    assertThat(s.body().at("/aggs/h/date_histogram/extended_bounds/min").asLong())
        .isEqualTo(FROM.toEpochMilli());
    assertThat(s.body().at("/aggs/h/date_histogram/extended_bounds/max").asLong())
        .isEqualTo(TO.minusSeconds(86_400).toEpochMilli());
  }

  @Test
  void autointervalBecomesKibanasRoundedFixedOrCalendarInterval() {
    String url = "{\"index\": \"a\", \"body\": {\"aggs\": {\"h\": {\"date_histogram\":"
        + " {\"field\": \"t\", \"interval\": {\"%%autointerval%%\": %s}}}}}}";
    // Two weeks in ~50 buckets is 6.7 h a bucket: Kibana rounds that to 12h.
    assertThat(fill(url.formatted("true"), TWO_WEEKS).body().at("/aggs/h/date_histogram"))
        .isEqualTo(json("{\"field\": \"t\", \"fixed_interval\": \"12h\"}"));
    // In ~300 buckets, 1.1 h: 1h, a single calendar unit.
    assertThat(fill(url.formatted("300"), TWO_WEEKS).body().at("/aggs/h/date_histogram"))
        .isEqualTo(json("{\"field\": \"t\", \"calendar_interval\": \"1h\"}"));
  }

  @Test
  void contextNextToABodyQueryIsRefusedAsKibanaRefusesIt() {
    assertThatThrownBy(() -> fill("{\"index\": \"a\", \"%context%\": true,"
        + " \"body\": {\"query\": {\"match_all\": {}}}}", TWO_WEEKS))
        .hasMessageContaining("must not be used when url.body.query is set");
  }

  @Test
  void findsTheQueriesOfEveryLayerAndInlinesTheResponseAsValues() {
    ObjectNode spec = (ObjectNode) json("""
        {"layer": [{"data": {"name": "a", "url": {"index": "x"}, "format": {"property": "hits.hits"}}},
                   {"data": {"values": [1, 2]}}]}""");
    var urls = VegaQueries.urls(spec);
    assertThat(urls).extracting(VegaQueries.DataUrl::name).containsExactly("a");
    VegaQueries.inline(urls.get(0), json("{\"hits\": {\"hits\": []}}"));
    assertThat(spec.at("/layer/0/data")).isEqualTo(json("""
        {"name": "a", "format": {"property": "hits.hits"}, "values": {"hits": {"hits": []}}}"""));
  }
}
