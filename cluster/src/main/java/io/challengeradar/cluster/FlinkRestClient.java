package io.challengeradar.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The parts of Flink's REST API (the one its web UI and {@code flink run} use) that submission and
 * control need: cluster overview, jar upload and run, job state, stop with a savepoint, cancel.
 * Errors carry Flink's own message.
 */
public final class FlinkRestClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** What {@code GET /overview} says. */
  public record Overview(String flinkVersion, int taskManagers, int slotsTotal,
      int slotsAvailable, int jobsRunning) {}

  /** One job of {@code GET /jobs/overview}. */
  public record JobSummary(String id, String name, String state, long startTime) {}

  private final String baseUrl;
  private final HttpClient http;

  public FlinkRestClient(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** The cluster's overview; empty when nothing answers at the URL. */
  public Optional<Overview> overview() {
    try {
      JsonNode o = get("/overview");
      return Optional.of(new Overview(o.path("flink-version").asText(""),
          o.path("taskmanagers").asInt(), o.path("slots-total").asInt(),
          o.path("slots-available").asInt(), o.path("jobs-running").asInt()));
    } catch (ClusterException e) {
      return Optional.empty();
    }
  }

  /** The overview, or an error saying that no Flink cluster answers at the URL. */
  public Overview requireOverview() {
    return overview().orElseThrow(() -> new ClusterException("no Flink cluster answers at "
        + baseUrl + " (is it up? `radar cluster up` starts one)"));
  }

  public List<JobSummary> jobs() {
    List<JobSummary> jobs = new ArrayList<>();
    for (JsonNode j : get("/jobs/overview").path("jobs")) {
      jobs.add(new JobSummary(j.path("jid").asText(), j.path("name").asText(),
          j.path("state").asText(), j.path("start-time").asLong()));
    }
    return jobs;
  }

  /** The job's state (CREATED, RUNNING, RESTARTING, FINISHED, FAILED, CANCELED...). */
  public String jobState(String jobId) {
    return get("/jobs/" + jobId).path("state").asText();
  }

  /** The job's details as Flink gives them (vertices, timestamps, state). */
  public JsonNode job(String jobId) {
    return get("/jobs/" + jobId);
  }

  /** How often the job restarted since it was submitted (Flink's {@code numRestarts} metric). */
  public long restarts(String jobId) {
    JsonNode metrics = get("/jobs/" + jobId + "/metrics?get=numRestarts");
    for (JsonNode m : metrics) {
      if ("numRestarts".equals(m.path("id").asText())) {
        return m.path("value").asLong();
      }
    }
    return 0;
  }

  /** The number of completed checkpoints of the job. */
  public long completedCheckpoints(String jobId) {
    return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asLong();
  }

  /** The state backend the job runs on, as Flink names it (e.g. EmbeddedRocksDBStateBackend). */
  public String stateBackend(String jobId) {
    return get("/jobs/" + jobId + "/checkpoints/config").path("state_backend").asText();
  }

  /** The root cause of the job's latest failure, one line; empty when it has none. */
  public String exceptions(String jobId) {
    return rootCause(get("/jobs/" + jobId + "/exceptions").path("rootException").asText("")
        .lines().toList());
  }

  /** Uploads {@code jar}; returns the id Flink gives it. */
  public String uploadJar(Path jar) {
    String boundary = "radar-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
          + " filename=\"" + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive"
          + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(Files.readAllBytes(jar));
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ClusterException("cannot read the job jar " + jar + ": " + e.getMessage(), e);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jars/upload"))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    String file = send(request).path("filename").asText();
    if (file.isEmpty()) {
      throw new ClusterException("Flink accepted the upload but named no file");
    }
    return Path.of(file).getFileName().toString();
  }

  /**
   * Runs an uploaded jar; returns the job id.
   *
   * @param savepoint the savepoint or retained checkpoint to start from, or null
   * @param parallelism the job's parallelism, or 0 for the job's own
   */
  public String runJar(String jarId, List<String> programArgs, String savepoint,
      int parallelism) {
    ObjectNode body = JSON.createObjectNode();
    body.putPOJO("programArgsList", programArgs);
    if (parallelism > 0) {
      body.put("parallelism", parallelism);
    }
    if (savepoint != null) {
      body.put("savepointPath", savepoint);
      body.put("allowNonRestoredState", false);
    }
    return send(post("/jars/" + jarId + "/run", body)).path("jobid").asText();
  }

  /**
   * Asks for a stop with a savepoint into {@code targetDirectory}; returns the trigger id. With
   * {@code drain} the sources first advance event time to its end, so every open window fires
   * (for a job that is retired, not one that will resume).
   */
  public String stopWithSavepoint(String jobId, String targetDirectory, boolean drain) {
    ObjectNode body = JSON.createObjectNode();
    if (targetDirectory != null) {
      body.put("targetDirectory", targetDirectory);
    }
    body.put("drain", drain);
    return send(post("/jobs/" + jobId + "/stop", body)).path("request-id").asText();
  }

  /**
   * The savepoint's location once the trigger completed; empty while it is in progress; an error
   * with Flink's reason when it failed.
   */
  public Optional<String> savepointLocation(String jobId, String triggerId) {
    JsonNode status = get("/jobs/" + jobId + "/savepoints/" + triggerId);
    if (!"COMPLETED".equals(status.path("status").path("id").asText())) {
      return Optional.empty();
    }
    JsonNode operation = status.path("operation");
    if (operation.has("failure-cause")) {
      throw new ClusterException("the savepoint failed: " + operation.path("failure-cause")
          .path("stack-trace").asText("").lines().findFirst().orElse("no reason given"));
    }
    return Optional.of(operation.path("location").asText());
  }

  public void cancel(String jobId) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/" + jobId
            + "?mode=cancel")).timeout(REQUEST_TIMEOUT)
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build();
    send(request);
  }

  private HttpRequest post(String path, JsonNode body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
        .GET().build());
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ClusterException("no Flink cluster answers at " + baseUrl, e);
    } catch (IOException e) {
      throw new ClusterException("Flink at " + baseUrl + " did not answer "
          + request.method() + " " + request.uri().getPath() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while calling Flink at " + baseUrl, e);
    }
    JsonNode body;
    try {
      body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new ClusterException("Flink at " + baseUrl + " answered " + request.uri().getPath()
          + " with status " + response.statusCode() + " and a body that is not JSON");
    }
    if (response.statusCode() >= 400) {
      throw new ClusterException("Flink refused " + request.method() + " "
          + request.uri().getPath() + " (" + response.statusCode() + "): " + firstError(body));
    }
    return body;
  }

  /** Flink's first error line; its errors hold whole stack traces, whose first line says why. */
  static String firstError(JsonNode body) {
    List<String> lines = new ArrayList<>();
    for (JsonNode e : body.path("errors")) {
      lines.addAll(e.asText().lines().filter(l -> !l.isBlank()).toList());
    }
    return lines.isEmpty() ? body.toString() : rootCause(lines);
  }

  /**
   * The most telling line of a Java stack trace: its last "Caused by:" (the root cause), else its
   * first line; empty for no lines.
   */
  static String rootCause(List<String> trace) {
    String cause = null;
    for (String line : trace) {
      if (line.startsWith("Caused by: ")) {
        cause = line.substring("Caused by: ".length());
      }
    }
    return cause != null ? cause : trace.stream().findFirst().orElse("");
  }
}
