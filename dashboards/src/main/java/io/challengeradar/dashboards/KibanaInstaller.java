package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Posts the NDJSON to Kibana's saved-objects import API ({@code overwrite=true}, the
 * {@code kbn-xsrf} header Kibana requires, the file as multipart form data) and reads back each
 * object's outcome. Anything but every object imported is a {@link KibanaException}: the caller
 * never reports a partial import as success.
 */
public final class KibanaInstaller {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KibanaSettings settings;
  private final HttpClient http;

  public KibanaInstaller(KibanaSettings settings) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /**
   * One object's outcome.
   *
   * @param error null when imported, else Kibana's error type and message
   */
  public record Outcome(String type, String id, String title, String error) {
    public boolean imported() {
      return error == null;
    }

    @Override
    public String toString() {
      return (imported() ? "imported  " : "FAILED    ") + type + " " + id
          + (title.isEmpty() ? "" : " (" + title + ")") + (imported() ? "" : ": " + error);
    }
  }

  /** Kibana refused the import, or imported only part of it; the message says why. */
  public static final class KibanaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Outcome> outcomes;

    KibanaException(String message, List<Outcome> outcomes) {
      super(message);
      this.outcomes = List.copyOf(outcomes);
    }

    /** Each object's outcome where Kibana answered with them; empty otherwise. */
    public List<Outcome> outcomes() {
      return outcomes;
    }
  }

  /**
   * Imports {@code ndjson} ({@code objects} saved objects).
   *
   * @return every object's outcome, all imported
   * @throws KibanaException when Kibana cannot be reached, refuses the request, or fails any
   *     object
   */
  public List<Outcome> install(String ndjson, int objects) {
    String boundary = "radar-" + UUID.randomUUID();
    HttpRequest.Builder request = HttpRequest.newBuilder(settings.importUri())
        .timeout(settings.timeout())
        .header("kbn-xsrf", "true")
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, ndjson)));
    String auth = settings.authorization();
    if (auth != null) {
      request.header("Authorization", auth);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new KibanaException("cannot reach Kibana at " + settings.url() + ": connection"
          + " refused", List.of());
    } catch (HttpTimeoutException e) {
      throw new KibanaException("Kibana at " + settings.url() + " did not answer within "
          + settings.timeout(), List.of());
    } catch (IOException e) {
      throw new KibanaException("cannot reach Kibana at " + settings.url() + ": " + e,
          List.of());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KibanaException("interrupted while importing into Kibana", List.of());
    }
    return outcomes(response, objects);
  }

  private List<Outcome> outcomes(HttpResponse<String> response, int objects) {
    int status = response.statusCode();
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = JSON.createObjectNode();
    }
    if (status == 401 || status == 403) {
      throw new KibanaException("Kibana refused the credentials (HTTP " + status + ": "
          + body.path("message").asText(response.body()) + "); set kibana.username and"
          + " kibana.password, or kibana.api-key, in the environment (RADAR_KIBANA_USERNAME,"
          + " RADAR_KIBANA_PASSWORD, RADAR_KIBANA_API_KEY) or a settings file", List.of());
    }
    if (status != 200) {
      throw new KibanaException("Kibana answered HTTP " + status + " to the import: "
          + body.path("message").asText(abbreviate(response.body())), List.of());
    }
    List<Outcome> out = new ArrayList<>();
    body.path("successResults").forEach(r -> out.add(new Outcome(r.path("type").asText(),
        r.path("id").asText(), r.path("meta").path("title").asText(""), null)));
    body.path("errors").forEach(e -> out.add(new Outcome(e.path("type").asText(),
        e.path("id").asText(), e.path("title").asText(e.path("meta").path("title").asText("")),
        e.path("error").path("type").asText("unknown") + describe(e.path("error")))));
    long failed = out.stream().filter(o -> !o.imported()).count();
    if (!body.path("success").asBoolean(false) || failed > 0 || out.size() != objects) {
      throw new KibanaException("Kibana imported " + (out.size() - failed) + " of " + objects
          + " objects" + (failed > 0 ? "; " + failed + " failed" : ""), out);
    }
    return out;
  }

  private static String describe(JsonNode error) {
    if (error.has("message")) {
      return " " + error.get("message").asText();
    }
    if (error.has("references")) {
      return " " + error.get("references");
    }
    return "";
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }

  private static byte[] multipart(String boundary, String ndjson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head = "--" + boundary + "\r\n"
        + "Content-Disposition: form-data; name=\"file\"; filename=\""
        + SavedObjects.FILE_NAME + "\"\r\n"
        + "Content-Type: application/ndjson\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(ndjson.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
