package io.challengeradar.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.contract.ParticipationFields;
import io.challengeradar.contract.StageFields;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's closing table, asked of the query API over HTTP as a product team would: the
 * challenges the pipeline flagged, with their stage, growth and risk, and the likeliest
 * participants of each.
 */
public final class ApiReport {
  /** Stages listed: a finished replay has moved most challenges past EMERGING already. */
  static final String STAGES = "EMERGING,ACCELERATING,PEAKED,FADING";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One challenge with its likeliest participants (user id and probability). */
  public record Row(String challenge, String stage, Double growth, Double risk, String nearestHarmful,
      long participants, List<String> likelyParticipants) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI base;
  private final String key;

  public ApiReport(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  /** The {@code size} challenges with most participants, each with its top {@code perChallenge} users. */
  public List<Row> top(int size, int perChallenge) throws IOException, InterruptedException {
    JsonNode emerging = get("/v1/challenges/emerging?stage=" + STAGES + "&sort=participants&size=" + size);
    List<Row> rows = new ArrayList<>();
    for (JsonNode c : emerging.path("items")) {
      String kind = c.path(StageFields.KIND).asText();
      String tag = c.path(StageFields.TAG).asText();
      JsonNode participants = get("/v1/challenges/" + kind + "/" + encode(tag)
          + "/participants?size=" + perChallenge, true);
      List<String> users = new ArrayList<>();
      for (JsonNode p : participants.path("items")) {
        users.add(String.format(Locale.ROOT, "%s %.2f",
            p.path(ParticipationFields.USER_ID).asText(),
            p.path(ParticipationFields.PROBABILITY).asDouble()));
      }
      rows.add(new Row(c.path("challenge").asText(), c.path(StageFields.STAGE).asText(),
          c.hasNonNull(StageFields.GROWTH) ? c.get(StageFields.GROWTH).asDouble() : null,
          c.hasNonNull(StageFields.RISK) ? c.get(StageFields.RISK).asDouble() : null,
          c.path(StageFields.NEAREST_HARMFUL).asText(null),
          c.path(StageFields.CUMULATIVE_PARTICIPANTS).asLong(), users));
    }
    return rows;
  }

  public static void print(PrintStream out, URI base, List<Row> rows) {
    out.println();
    out.println("Challenges and their likeliest participants (from the query API at " + base
        + "/v1/challenges/emerging)");
    out.printf(Locale.ROOT, "%-34s %-12s %6s %5s %-22s %s%n", "challenge", "stage", "users", "risk",
        "nearest harmful", "likeliest participants (probability)");
    for (Row r : rows) {
      out.printf(Locale.ROOT, "%-34s %-12s %6d %5s %-22s %s%n", clip(r.challenge(), 34), r.stage(),
          r.participants(), r.risk() == null ? "-" : String.format(Locale.ROOT, "%.2f", r.risk()),
          r.nearestHarmful() == null ? "-" : clip(r.nearestHarmful(), 22),
          r.likelyParticipants().isEmpty() ? "(none scored)" : String.join(", ", r.likelyParticipants()));
    }
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    return get(path, false);
  }

  private JsonNode get(String path, boolean notFoundIsEmpty) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path))
        .header("X-API-Key", key).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 404 && notFoundIsEmpty) {
      return JSON.createObjectNode();
    }
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode() + ": "
          + new String(r.body(), StandardCharsets.UTF_8));
    }
    return JSON.readTree(r.body());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
