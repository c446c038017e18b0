package io.challengeradar.api.query;

import static io.challengeradar.api.query.EsSearches.page;
import static io.challengeradar.api.query.EsSearches.term;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.api.NotFoundException;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.ParticipationFields;
import io.challengeradar.contract.VideoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The questions about predicted participation: a challenge's likely participants and a user's
 * likely challenges, each from the latest scoring round only. Over radar-participation.
 */
final class ParticipationQueries {

  /** Bound on one terms aggregation's buckets. */
  private static final int MAX_DISTINCT = PageRequest.MAX_DEPTH;

  private final EsSearches es;
  private final ChallengeQueries challenges;

  ParticipationQueries(EsSearches es, ChallengeQueries challenges) {
    this.es = es;
    this.challenges = challenges;
  }

  /**
   * The likely participants of the challenge's latest scoring round (the round with the newest
   * scoredAt), best first. A user who was not rescored in that round is not listed, even though
   * their document from an older round is still stored.
   */
  RadarQueries.Participants participants(ChallengeKey key, PageRequest page) {
    SearchResponse<ObjectNode> latest = es.search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(term(ParticipationFields.CHALLENGE, key.id()))))
        .sort(s -> s.field(f -> f.field(ParticipationFields.SCORED_AT).order(SortOrder.Desc)))
        .source(src -> src.filter(f -> f.includes(ParticipationFields.ROUND,
            ParticipationFields.STAGE, ParticipationFields.SCORED_AT, ParticipationFields.MODEL,
            ParticipationFields.MODEL_VERSION)))
        .size(1));
    if (latest.hits().hits().isEmpty()) {
      challenges.requireKnown(key);
      return new RadarQueries.Participants(key, Optional.empty(), PageResult.empty());
    }
    ObjectNode round = latest.hits().hits().get(0).source();
    String roundId = round.path(ParticipationFields.ROUND).asText();
    SearchResponse<ObjectNode> r = es.search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(term(ParticipationFields.CHALLENGE, key.id()),
            term(ParticipationFields.ROUND, roundId))))
        .sort(s -> s.field(f -> f.field(ParticipationFields.RANK).order(SortOrder.Asc)))
        .sort(s -> s.field(f -> f.field(ParticipationFields.USER_ID).order(SortOrder.Asc)))
        .source(src -> src.filter(f -> f.includes(ParticipationFields.USER_ID,
            ParticipationFields.PROBABILITY, ParticipationFields.RANK,
            ParticipationFields.USER_VIDEOS)))
        .from(page.from())
        .size(page.size()));
    return new RadarQueries.Participants(key, Optional.of(round), page(r, Hit::source));
  }

  /**
   * The challenges a user is predicted to join, likeliest first. Only each challenge's latest
   * scoring round counts (the round with the newest scoredAt, as for {@link #participants}): a
   * later round that no longer ranks the user leaves their older document stored (ids are per
   * challenge and user, and a round rewrites only the users it ranks), and that document is a
   * prediction the platform has since withdrawn.
   *
   * <p>Three searches: the user's challenges, the latest round of each, then the page of the
   * user's documents from those rounds. A round id is its alert's id, which names the challenge,
   * so one terms filter on round is exact.
   */
  PageResult<ObjectNode> userChallenges(String userId, PageRequest page) {
    Query user = term(ParticipationFields.USER_ID, userId);
    List<String> challenges =
        distinct(List.of(Index.PARTICIPATION), user, ParticipationFields.CHALLENGE);
    if (challenges.isEmpty()) {
      if (es.count(List.of(Index.VIDEOS), term(VideoFields.AUTHOR_ID, userId)) == 0) {
        throw new NotFoundException(
            "no user " + userId + ": no predictions for them and no videos by them");
      }
      return PageResult.empty();
    }
    List<FieldValue> rounds = latestRounds(challenges).stream().map(FieldValue::of).toList();
    SearchResponse<ObjectNode> r = es.search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(user, Query.of(f -> f.terms(t -> t
            .field(ParticipationFields.ROUND).terms(v -> v.value(rounds)))))))
        .sort(s -> s.field(f -> f.field(ParticipationFields.PROBABILITY).order(SortOrder.Desc)))
        .sort(s -> s.field(f -> f.field(ParticipationFields.CHALLENGE).order(SortOrder.Asc)))
        .from(page.from())
        .size(page.size()));
    return page(r, Hit::source);
  }

  /** The newest-scored round of each challenge. */
  private List<String> latestRounds(List<String> challenges) {
    List<FieldValue> keys = challenges.stream().map(FieldValue::of).toList();
    SearchResponse<ObjectNode> r = es.search(List.of(Index.PARTICIPATION), b -> b
        .query(x -> x.bool(bool -> bool.filter(Query.of(f -> f.terms(t -> t
            .field(ParticipationFields.CHALLENGE).terms(v -> v.value(keys)))))))
        .size(0)
        .aggregations("challenge", a -> a
            .terms(t -> t.field(ParticipationFields.CHALLENGE).size(challenges.size()))
            .aggregations("latest", l -> l.topHits(h -> h.size(1)
                .sort(s -> s.field(f -> f.field(ParticipationFields.SCORED_AT)
                    .order(SortOrder.Desc)))
                .source(src -> src.filter(f -> f.includes(ParticipationFields.ROUND)))))));
    List<String> rounds = new ArrayList<>(challenges.size());
    for (var bucket : r.aggregations().get("challenge").sterms().buckets().array()) {
      for (var hit : bucket.aggregations().get("latest").topHits().hits().hits()) {
        rounds.add(hit.source().to(ObjectNode.class).path(ParticipationFields.ROUND).asText());
      }
    }
    return rounds;
  }

  /**
   * The distinct values of a keyword field among the matching documents, at most {@value
   * #MAX_DISTINCT}: a user is ranked at most once per challenge, and no deployment tracks that many
   * challenges at once.
   */
  private List<String> distinct(List<Index> indices, Query query, String field) {
    SearchResponse<ObjectNode> r = es.search(indices, b -> b
        .query(query)
        .size(0)
        .aggregations(field, a -> a.terms(t -> t.field(field).size(MAX_DISTINCT))));
    if (r.aggregations().get(field) == null) {
      return List.of();
    }
    return r.aggregations().get(field).sterms().buckets().array().stream()
        .map(bucket -> bucket.key().stringValue()).toList();
  }
}
