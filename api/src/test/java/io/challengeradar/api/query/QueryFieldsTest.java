package io.challengeradar.api.query;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.JsonEndpoint;
import co.elastic.clients.transport.TransportOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.contract.DocumentFields;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API's queries name only fields the contract defines for the indices they search. Every
 * query runs, through the {@link RadarQueries} facade into {@link ChallengeQueries}, {@link
 * ParticipationQueries} and {@link EsSearches}, against a transport that records each request and answers with a canned response
 * (one hit, one bucket), so every search of every query is sent; the field names are read back
 * from the requests as Elasticsearch would receive them. A hand-typed field, a field of another
 * index, or one the templates dropped fails here instead of matching nothing in production.
 */
class QueryFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ChallengeKey DANCE = new ChallengeKey(TagKind.HASHTAG, "dance");

  /** One request as sent: the endpoint, the indices in its URL and its body. */
  record Sent(String endpoint, List<Index> indices, JsonNode body) {}

  /**
   * Records every request and answers it with a canned body, no server: one hit and one bucket,
   * or (for the paths taken when nothing is found) none.
   */
  static final class RecordingTransport implements ElasticsearchTransport {
    private static final String HIT_SOURCE = "{\"kind\":\"hashtag\",\"tag\":\"dance\","
        + "\"windowEnd\":\"2024-03-01T01:00:00Z\",\"detectedAt\":\"2024-03-01T01:00:00Z\","
        + "\"round\":\"r1\",\"representation\":[1.0,0.0]}";
    private static final String SEARCH = "{\"took\":1,\"timed_out\":false,\"_shards\":"
        + "{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0},\"hits\":{\"total\":"
        + "{\"value\":1,\"relation\":\"eq\"},\"max_score\":1.0,\"hits\":[{\"_index\":\"x\","
        + "\"_id\":\"hashtag:dance\",\"_score\":1.0,\"_source\":" + HIT_SOURCE + "}]},"
        + "\"aggregations\":{\"sterms#challenge\":{\"doc_count_error_upper_bound\":0,"
        + "\"sum_other_doc_count\":0,\"buckets\":[{\"key\":\"hashtag:dance\",\"doc_count\":1,"
        + "\"top_hits#latest\":{\"hits\":{\"total\":{\"value\":1,\"relation\":\"eq\"},"
        + "\"max_score\":null,\"hits\":[{\"_index\":\"radar-participation\",\"_id\":\"p1\","
        + "\"_source\":{\"round\":\"r1\"}}]}}}]}}}";
    private static final String NOTHING = "{\"took\":1,\"timed_out\":false,\"_shards\":"
        + "{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0},\"hits\":{\"total\":"
        + "{\"value\":0,\"relation\":\"eq\"},\"max_score\":null,\"hits\":[]}}";
    private static final String COUNT = "{\"count\":1,\"_shards\":"
        + "{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0}}";

    private final JsonpMapper mapper = new JacksonJsonpMapper();
    private final boolean findsNothing;
    final List<Sent> sent = new ArrayList<>();

    RecordingTransport(boolean findsNothing) {
      this.findsNothing = findsNothing;
    }

    @Override
    public <Q, R, E> R performRequest(Q request, Endpoint<Q, R, E> endpoint,
        TransportOptions options) throws IOException {
      Object body = endpoint.body(request);
      String path = endpoint.requestUrl(request).split("\\?")[0];
      List<Index> indices = Arrays.stream(path.substring(1).split("/")[0].split(","))
          .map(name -> Index.named(name).orElseThrow(
              () -> new AssertionError(name + " is not an index of the contract")))
          .toList();
      sent.add(new Sent(endpoint.id(), indices, body == null ? null : JSON.readTree(json(body))));
      String answer = switch (endpoint.id()) {
        case "es/search" -> findsNothing ? NOTHING : SEARCH;
        case "es/count" -> COUNT;
        default -> throw new AssertionError("unexpected request " + endpoint.id());
      };
      JsonParser parser = mapper.jsonProvider().createParser(new StringReader(answer));
      return ((JsonEndpoint<Q, R, E>) endpoint).responseDeserializer().deserialize(parser, mapper);
    }

    private String json(Object body) {
      StringWriter out = new StringWriter();
      try (JsonGenerator g = mapper.jsonProvider().createGenerator(out)) {
        mapper.serialize(body, g);
      }
      return out.toString();
    }

    @Override
    public <Q, R, E> CompletableFuture<R> performRequestAsync(Q request,
        Endpoint<Q, R, E> endpoint, TransportOptions options) {
      throw new UnsupportedOperationException("the queries are synchronous");
    }

    @Override
    public JsonpMapper jsonpMapper() {
      return mapper;
    }

    @Override
    public TransportOptions options() {
      return null;
    }

    @Override
    public void close() {}
  }

  /** Every field name a request body names: filters, sorts, aggregations, kNN, _source. */
  static Set<String> fieldsNamed(JsonNode node) {
    Set<String> names = new TreeSet<>();
    collect(node, names);
    return names;
  }

  private static final Set<String> QUERIES_KEYED_BY_FIELD =
      Set.of("term", "terms", "range", "prefix", "wildcard", "match", "match_phrase");
  private static final Set<String> QUERY_OPTIONS = Set.of("boost", "_name");

  private static void collect(JsonNode node, Set<String> names) {
    if (node.isArray()) {
      node.forEach(n -> collect(n, names));
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode v = e.getValue();
      if (key.equals("field") && v.isTextual()) {
        names.add(v.asText());
      } else if (QUERIES_KEYED_BY_FIELD.contains(key) && v.isObject() && !v.has("field")) {
        v.fieldNames().forEachRemaining(f -> {
          if (!QUERY_OPTIONS.contains(f)) {
            names.add(f);
          }
        });
      } else if (key.equals("sort") && v.isArray()) {
        for (JsonNode s : v) {
          if (s.isTextual()) {
            names.add(s.asText());
          } else {
            s.fieldNames().forEachRemaining(names::add);
          }
        }
      } else if (key.equals("_source") && v.isObject()) {
        v.path("includes").forEach(f -> names.add(f.asText()));
        v.path("excludes").forEach(f -> names.add(f.asText()));
      }
      collect(v, names);
    }
    names.removeIf(n -> n.equals("_score") || n.equals("_doc"));
  }

  /** Fields {@code request} names that some index it searches does not have. */
  static Set<String> strangers(Sent request) {
    Set<String> strangers = new TreeSet<>();
    for (String field : fieldsNamed(request.body())) {
      for (Index index : request.indices()) {
        if (!index.fields().has(field)) {
          strangers.add(index.indexName() + "." + field);
        }
      }
    }
    return strangers;
  }

  private static List<Sent> everyQuery() {
    List<Sent> sent = new ArrayList<>(everyQuery(new RecordingTransport(false)));
    sent.addAll(everyQuery(new RecordingTransport(true)));
    return sent;
  }

  private static List<Sent> everyQuery(RecordingTransport transport) {
    RadarQueries queries =
        new RadarQueries(new ElasticsearchClient(transport), Duration.ofSeconds(1));
    PageRequest page = new PageRequest(1, 5);
    for (EmergingQuery.Sort sort : EmergingQuery.Sort.values()) {
      queries.emerging(new EmergingQuery(Set.of(Stage.EMERGING), TagKind.SOUND,
          Instant.parse("2024-03-01T00:00:00Z"), sort, page));
    }
    if (!transport.findsNothing) {
      queries.challenge(DANCE);
      queries.similar(DANCE, page);
      queries.video("v1", false);
      queries.video("v1", true);
    }
    queries.curve(DANCE, 24);
    queries.curve(new ChallengeKey(TagKind.SOUND, "m1"), 24);
    queries.related(DANCE, 5);
    for (RadarQueries.VideoSort sort : RadarQueries.VideoSort.values()) {
      queries.videos(DANCE, sort, page);
    }
    queries.search("Dan", null, page);
    queries.pipeline();
    queries.timeline(DANCE, Instant.parse("2024-03-01T00:00:00Z"),
        Instant.parse("2024-03-02T00:00:00Z"), page);
    queries.participants(DANCE, page);
    queries.userChallenges("u7", page);
    return transport.sent;
  }

  /** The facade's queries {@link #everyQuery} runs; health sends no search. */
  private static final Set<String> QUERIES_RUN = Set.of("emerging", "challenge", "similar",
      "video", "timeline", "participants", "userChallenges", "curve", "related", "videos",
      "search", "pipeline");

  @Test
  void everyQueryOfTheFacadeIsRun() {
    Set<String> queries = Arrays.stream(RadarQueries.class.getDeclaredMethods())
        .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
        .map(java.lang.reflect.Method::getName)
        .filter(name -> !name.equals("health"))
        .collect(Collectors.toSet());

    assertThat(queries).isEqualTo(QUERIES_RUN);
  }

  @Test
  void everyQueryNamesOnlyFieldsOfTheIndicesItSearches() {
    List<Sent> sent = everyQuery();

    assertThat(sent).allSatisfy(r -> assertThat(strangers(r)).as(r.toString()).isEmpty());
  }

  @Test
  void theQueriesReachEveryIndexTheyReadAndTheFieldsTheyFilterOn() {
    List<Sent> sent = everyQuery();
    Set<Index> searched = sent.stream().flatMap(r -> r.indices().stream())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    Set<String> named = sent.stream().flatMap(r -> fieldsNamed(r.body()).stream())
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(searched).contains(Index.HASHTAGS, Index.HASHTAG_WINDOWS, Index.SOUND_WINDOWS,
        Index.ALERTS, Index.PARTICIPATION, Index.VIDEOS, Index.DEADLETTER, Index.EMBEDDINGS);
    // Proof that the reading above finds names in each part of a request.
    assertThat(named).contains("stage", "since", "cumulativeParticipants", "representation",
        "windowEnd", "detectedAt", "round", "scoredAt", "userId", "authorId", "embedding",
        "hashtags", "musicId", "views", "reason", "snapshots", "pendingEnrichment");
  }

  @Test
  void aFieldOfAnotherIndexIsFound() throws IOException {
    SearchRequest request = SearchRequest.of(s -> s.index(Index.HASHTAGS.indexName())
        .query(q -> q.term(t -> t.field("views").value(1)))
        .sort(o -> o.field(f -> f.field("windowEnd"))));
    String body = new RecordingTransport(false).json(request);

    assertThat(strangers(new Sent("es/search", List.of(Index.HASHTAGS), JSON.readTree(body))))
        .containsExactly("radar-hashtags.views", "radar-hashtags.windowEnd");
  }

  @Test
  void contractFieldsCoverTheSortOrders() {
    DocumentFields stages = Index.HASHTAGS.fields();
    assertThat(EmergingQuery.Sort.values())
        .allSatisfy(s -> assertThat(stages.has(s.field())).as(s.name()).isTrue());
  }
}
