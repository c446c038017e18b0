package io.challengeradar.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.api.ApiOptions;
import io.challengeradar.api.ApiSettings;
import io.challengeradar.api.QueryApi;
import io.challengeradar.api.auth.Access;
import io.challengeradar.api.auth.ApiKeys;
import io.challengeradar.api.http.AccessLog;
import io.challengeradar.config.CommonOptions;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.StageFields;
import io.challengeradar.core.generator.GeneratorOptions;
import io.challengeradar.core.generator.StreamGenerator;
import io.challengeradar.core.util.Progress;
import io.challengeradar.flink.EsContents;
import io.challengeradar.flink.ItPipelines;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer page in a real browser: Debian's Chromium, headless, through its own chromedriver
 * (never one downloaded), against the query API on the real Elasticsearch filled by a small
 * generated run through the pipeline. The API reaches Elasticsearch through a proxy the test
 * cuts, to see the page's outage banner come and go. Screenshots land in
 * {@code target/explorer-screenshots/}.
 *
 * <p>Skips, saying so, where no Chromium and chromedriver are installed ({@code apt-get install
 * chromium chromium-driver}); {@code radar.it.chromium} and {@code radar.it.chromedriver} name
 * other paths.
 */
@ExtendWith(SharedElasticsearch.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerBrowserIT {

  private static final String KEY = "explorer-it-key-0123456789";
  private static final String CHROMIUM = System.getProperty("radar.it.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER =
      System.getProperty("radar.it.chromedriver", "/usr/bin/chromedriver");
  /** A hashtag a hostile post could carry: it must show as text and never run. */
  private static final String MARKUP = "<img src=x onerror=\"document.body.dataset.pwned='yes'\">";
  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final Path SHOTS = Path.of("target", "explorer-screenshots");
  /** Selenium logs through java.util.logging; held here, since the logger is weakly referenced. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");
  /** Selenium brings OpenTelemetry, which says on the console that it is not configured. */
  private static final Logger TELEMETRY_LOG = Logger.getLogger("io.opentelemetry");

  @TempDir static Path work;

  private final ByteArrayOutputStream accessLog = new ByteArrayOutputStream();
  private ElasticsearchTestServer es;
  private CuttableProxy proxy;
  private QueryApi api;
  private WebDriver browser;

  @BeforeAll
  void start(ElasticsearchTestServer es) throws IOException {
    Assumptions.assumeTrue(Files.isExecutable(Path.of(CHROMIUM))
            && Files.isExecutable(Path.of(CHROMEDRIVER)),
        "skipped: no Chromium at " + CHROMIUM + " with its driver at " + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)");
    this.es = es;
    new EsContents(es.client()).clear();
    proxy = new CuttableProxy(URI.create(es.url()).getPort());
    api = QueryApi.start(ApiOptions.from(ApiSettings.defaults()
            .with(ApiSettings.PORT, 0, "test")
            .with(CommonOptions.ELASTICSEARCH_HOSTS,
                List.of("http://127.0.0.1:" + proxy.port()), "test")),
        Access.keys(ApiKeys.fromList(KEY)),
        new AccessLog(new PrintStream(accessLog, true, StandardCharsets.UTF_8), Clock.systemUTC()));
    SELENIUM_LOG.setLevel(Level.OFF);
    TELEMETRY_LOG.setLevel(Level.OFF);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .withLogOutput(OutputStream.nullOutputStream())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=1280,1000", "--lang=en-US");
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (api != null) {
      api.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void showsChallengesRisingTheirCurveAndParticipantsAndCopesWithBadInput() throws Exception {
    browser.get("http://127.0.0.1:" + api.port() + "/");

    // A wrong key: refused once, the page asks again.
    enterKey("wrong-key-0123456789abcdef");
    assertThat(waitForText(By.id("key-message"), "refused")).contains("enter it again");
    assertThat(browser.findElement(By.id("key-view")).isDisplayed()).isTrue();

    // The right key on an empty index: a friendly empty state.
    enterKey(KEY);
    assertThat(waitForText(By.id("empty"), "No challenges")).contains("updates itself");
    screenshot("empty");

    // The page keeps refreshing while the pipeline writes; the challenges appear without a reload.
    runSmallGeneratedStream();
    ObjectNode top = biggestChallenge();
    seedLikelyParticipants(top);
    seedMarkupTag();
    tickEveryStage();
    String spark = new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.cssSelector("li.card[data-challenge='" + id(top)
            + "'] svg.spark polyline")).getAttribute("points"));
    assertThat(spark).isNotBlank();

    // The tag with markup is text: no image element, no handler run.
    String hostile = new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElements(By.cssSelector("li.card .tag")).stream()
            .map(WebElement::getText).filter(t -> t.contains(MARKUP)).findFirst().orElse(null));
    assertThat(hostile).isEqualTo("#" + MARKUP);
    assertThat(browser.findElements(By.cssSelector("#view img"))).isEmpty();
    assertThat(js("return document.body.dataset.pwned === undefined")).isEqualTo(true);
    screenshot("emerging");

    // Phone width: the list reflows without sideways scrolling.
    browser.manage().window().setSize(new Dimension(390, 844));
    assertThat(js("return document.documentElement.scrollWidth <= window.innerWidth + 1")).isEqualTo(true);
    screenshot("emerging-phone");
    browser.manage().window().setSize(new Dimension(1280, 1700));

    // One challenge: curve, stage timeline, earliest and likeliest participants. The list
    // re-renders itself every few seconds, so the link is looked up afresh until a click lands.
    By link = By.cssSelector("li.card[data-challenge='" + id(top) + "'] a.card-link");
    new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
      d.findElement(link).click();
      return true;
    });
    waitForText(By.id("challenge-title"), top.path(StageFields.TAG).asText());
    WebElement curve = browser.findElement(By.cssSelector("#curve svg"));
    assertThat(curve.findElements(By.cssSelector("polyline.curve-line"))).hasSize(1);
    assertThat(curve.findElements(By.cssSelector("g.marker"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#stages .timeline li"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#earliest li"))).isNotEmpty();
    List<WebElement> likely = browser.findElements(By.cssSelector("#participants tbody tr"));
    assertThat(likely).hasSize(3);
    assertThat(likely.get(0).getText()).contains("fan-1").contains("91.0%");
    assertThat(browser.findElements(By.cssSelector("#related .chips li, #videos tbody tr")))
        .isNotEmpty();
    screenshot("challenge");

    // Elasticsearch gone: a banner; back: the banner clears by itself.
    proxy.cut();
    browser.findElement(By.cssSelector("nav a[data-view='pipeline']")).click();
    assertThat(waitForText(By.id("banner"), "Elasticsearch")).contains("Retrying");
    screenshot("outage");
    proxy.restore();
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(
        By.id("banner")));
    long applied = Long.parseLong(waitForText(By.cssSelector("#events-applied .stat-value"), "")
        .replace(",", ""));
    assertThat(applied).isPositive();
    browser.manage().window().setSize(new Dimension(1280, 900));
    screenshot("pipeline");

    // The wrong key was tried once and never again: no retry loop.
    assertThat(accessLog.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains(" 401 ")).count()).isEqualTo(1);
  }

  // ---- the browser ----------------------------------------------------------------------------

  private void enterKey(String key) {
    WebElement input = new WebDriverWait(browser, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("key-input")));
    input.clear();
    input.sendKeys(key);
    browser.findElement(By.cssSelector("#key-form button")).click();
  }

  private void tickEveryStage() {
    new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector(".filters input[value='PEAKED']")));
    for (String stage : List.of("PEAKED", "FADING")) {
      // Each tick, and each refresh while the pipeline writes, re-renders the view: the box is
      // looked up afresh, and a click that met a box just replaced is tried again.
      By box = By.cssSelector(".filters input[value='" + stage + "']");
      new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
          .until(d -> {
            WebElement input = d.findElement(box);
            if (!input.isSelected() && input.isDisplayed() && input.isEnabled()) {
              input.click();
            }
            return d.findElement(box).isSelected();
          });
    }
  }

  /** Waits until the element shows {@code part}, and answers its whole text. */
  private String waitForText(By by, String part) {
    return new WebDriverWait(browser, WAIT).until(d -> {
      List<WebElement> found = d.findElements(by);
      if (found.isEmpty() || !found.get(0).isDisplayed()) {
        return null;
      }
      String text = found.get(0).getText();
      return text.contains(part) && !text.isBlank() ? text : null;
    });
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  private void screenshot(String name) throws IOException {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  // ---- the data -------------------------------------------------------------------------------

  /**
   * Two days, three challenges and a large share of challenge posts: the fewest events in which
   * the detector flags challenges, so the run stays short.
   */
  private static final GeneratorOptions SMALL_RUN = new GeneratorOptions(42, 1_200,
      GeneratorOptions.DEFAULT_START, Duration.ofHours(48), 150, 3, 0.35, Duration.ZERO);

  /** A small generated stream through the pipeline into Elasticsearch, as the demo runs it. */
  private void runSmallGeneratedStream() throws Exception {
    Path events = work.resolve("events.ndjson");
    try (OutputStream out = Files.newOutputStream(events)) {
      new StreamGenerator(SMALL_RUN).writeTo(out, Progress.silent());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    ItPipelines.intoElasticsearch(es.url())
        .sources(PipelineSources.files(List.of(events)))
        .build()
        .execute(env, "explorer-browser-it");
  }

  /** The hashtag with the most participants that has reached a stage. */
  private ObjectNode biggestChallenge() throws IOException {
    // The job's last writes land when its input ends; a search within the refresh interval
    // (1 s) would not see them yet.
    es.client().indices().refresh(x -> x.index(EsContents.INDICES).ignoreUnavailable(true));
    Map<String, Long> written = new LinkedHashMap<>();
    for (Index index : List.of(Index.HASHTAG_WINDOWS, Index.ALERTS, Index.HASHTAGS,
        Index.DEADLETTER)) {
      written.put(index.indexName(), es.client().count(c -> c.index(index.indexName())
          .ignoreUnavailable(true)).count());
    }
    SearchResponse<ObjectNode> r = es.client().search(s -> s.index(Index.HASHTAGS.indexName())
        .query(q -> q.term(t -> t.field(StageFields.KIND).value("hashtag")))
        .sort(o -> o.field(f -> f.field(StageFields.CUMULATIVE_PARTICIPANTS)
            .order(co.elastic.clients.elasticsearch._types.SortOrder.Desc)))
        .size(1), ObjectNode.class);
    assertThat(r.hits().hits())
        .as("the generated run flags at least one hashtag; documents written: %s", written)
        .isNotEmpty();
    return r.hits().hits().get(0).source();
  }

  private static String id(ObjectNode challenge) {
    return challenge.path(StageFields.KIND).asText() + ":" + challenge.path(StageFields.TAG).asText();
  }

  /**
   * A scoring round as the serving tier's participation head writes it: this test runs without
   * the serving tier, which has its own ITs.
   */
  private void seedLikelyParticipants(ObjectNode challenge) throws IOException {
    BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
    double[] probabilities = {0.91, 0.74, 0.52};
    for (int rank = 1; rank <= probabilities.length; rank++) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("kind", "hashtag");
      p.put("tag", challenge.path(StageFields.TAG).asText());
      p.put("challenge", id(challenge));
      p.put("userId", "fan-" + rank);
      p.put("probability", probabilities[rank - 1]);
      p.put("rank", rank);
      p.put("stage", challenge.path(StageFields.STAGE).asText());
      p.put("round", challenge.path(StageFields.ALERT_ID).asText());
      p.put("model", "participation");
      p.put("modelVersion", "1");
      p.put("scoredAt", challenge.path(StageFields.SINCE).asText());
      p.put("userVideos", 3);
      String docId = id(challenge) + ":fan-" + rank;
      bulk.operations(o -> o.index(x -> x.index(Index.PARTICIPATION.indexName()).id(docId)
          .document(p)));
    }
    check(es.client(), bulk);
  }

  /** A challenge whose tag is markup, as a hostile post's hashtag would be stored. */
  private void seedMarkupTag() throws IOException {
    Instant now = Instant.parse("2024-03-10T00:00:00Z");
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "hashtag");
    d.put("tag", MARKUP);
    d.put("stage", "EMERGING");
    d.put("since", now.toString());
    d.put("firstSeen", now.minusSeconds(7200).toString());
    d.put("cumulativeParticipants", 12);
    d.put("alertId", "hashtag:" + MARKUP + ":EMERGING:" + now.toEpochMilli());
    d.put("growth", 9.0);
    d.put("newParticipants", 6);
    d.put("representationVideos", 0);
    BulkRequest.Builder bulk = new BulkRequest.Builder().refresh(Refresh.True);
    bulk.operations(o -> o.index(x -> x.index(Index.HASHTAGS.indexName()).id("hashtag:" + MARKUP)
        .document(d)));
    check(es.client(), bulk);
  }

  private static void check(ElasticsearchClient client, BulkRequest.Builder bulk) throws IOException {
    BulkResponse r = client.bulk(bulk.build());
    assertThat(r.errors()).as("documents must fit the strict templates: %s", r.items().stream()
        .filter(i -> i.error() != null).map(i -> i.error().reason()).toList()).isFalse();
  }
}
