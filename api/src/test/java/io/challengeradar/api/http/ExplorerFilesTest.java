package io.challengeradar.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The explorer's files keep to what its Content-Security-Policy and its escaping rule need: data
 * goes into the page as text only, no script or style is inline, nothing is loaded from another
 * origin, and every module the page imports is one the server serves.
 */
class ExplorerFilesTest {

  private static final List<String> SCRIPTS = List.of("app.js", "api.js", "dom.js", "charts.js");

  private static String file(String name) throws IOException {
    try (InputStream in = ExplorerFilesTest.class.getResourceAsStream(ExplorerPage.FOLDER + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void scriptsNeverParseDataAsHtmlOrCode() throws IOException {
    for (String name : SCRIPTS) {
      assertThat(file(name)).as(name).doesNotContain("innerHTML", "outerHTML",
          "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute('style'",
          "setAttribute('on");
    }
  }

  @Test
  void thePageHasNoInlineScriptStyleOrHandlerAndLoadsNothingFromElsewhere() throws IOException {
    String html = file("index.html");
    assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)")
        .doesNotContainPattern("\\son[a-z]+=")
        .doesNotContain("style=", "<style", "http://", "https://", "//cdn");
    for (String name : SCRIPTS) {
      // The SVG namespace is a name, not a place anything is loaded from.
      assertThat(file(name).replace("'http://www.w3.org/2000/svg'", "")).as(name)
          .doesNotContain("https://", "http://");
    }
  }

  @Test
  void everyModuleImportedIsServed() throws IOException {
    ExplorerPage page = new ExplorerPage();
    Pattern imports = Pattern.compile("from '\\./([^']+)'");
    for (String name : SCRIPTS) {
      assertThat(page.file("/" + name)).as(name).isPresent();
      Matcher m = imports.matcher(file(name));
      while (m.find()) {
        assertThat(page.file("/" + m.group(1))).as(name + " imports " + m.group(1)).isPresent();
      }
    }
    for (String linked : List.of("style.css", "favicon.svg", "app.js")) {
      assertThat(file("index.html")).contains(linked);
      assertThat(page.file("/" + linked)).as(linked).isPresent();
    }
  }
}
