package io.challengeradar.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The installer skips a template whose installed version equals the shipped one, so a mapping
 * changed without a version bump never reaches an Elasticsearch that already holds the template:
 * its indices keep the old strict mapping and refuse every document with a new field. This test
 * pins each shipped template version to a fingerprint of its content in
 * {@code template-fingerprints.txt} (one line per version ever shipped, appended, never edited).
 */
class TemplateVersionsTest {
  private static final String PINS = "template-fingerprints.txt";
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  @Test
  void aTemplateWhoseContentChangedHasANewVersion() throws IOException {
    Map<String, String> pinned = pinned();
    List<String> problems = new ArrayList<>();
    for (IndexTemplate template : IndexTemplates.load()) {
      String key = template.name() + " " + template.version();
      String fingerprint = fingerprint(template);
      String pin = pinned.get(key);
      if (pin == null) {
        problems.add(template.name() + " v" + template.version() + " is not pinned yet: append '"
            + key + " " + fingerprint + "' to " + PINS);
      } else if (!pin.equals(fingerprint)) {
        problems.add(template.name() + " changed but is still v" + template.version()
            + ": an Elasticsearch holding v" + template.version() + " would never receive it."
            + " Raise its version to v" + (template.version() + 1) + " and append '"
            + template.name() + " " + (template.version() + 1) + " " + fingerprint + "' to "
            + PINS);
      }
    }
    assertThat(problems).as("shipped templates against %s", PINS).isEmpty();
  }

  @Test
  void theFingerprintIgnoresLayoutButNotMappings() throws IOException {
    IndexTemplate videos = IndexTemplates.load().stream()
        .filter(t -> t.name().equals("radar-videos")).findFirst().orElseThrow();
    ObjectNode tree = (ObjectNode) CANONICAL.readTree(videos.json());
    IndexTemplate reformatted = new IndexTemplate(videos.name(), videos.version(),
        CANONICAL.writerWithDefaultPrettyPrinter().writeValueAsString(tree), "test");
    ((ObjectNode) tree.path("template").path("mappings").path("properties"))
        .putObject("addedField").put("type", "keyword");
    IndexTemplate remapped = new IndexTemplate(videos.name(), videos.version(),
        CANONICAL.writeValueAsString(tree), "test");

    assertThat(fingerprint(reformatted)).isEqualTo(fingerprint(videos));
    assertThat(fingerprint(remapped)).isNotEqualTo(fingerprint(videos));
  }

  /** SHA-256 of the template without its version, keys sorted, whitespace dropped. */
  static String fingerprint(IndexTemplate template) throws IOException {
    ObjectNode tree = (ObjectNode) CANONICAL.readTree(template.json());
    tree.remove("version");
    Object plain = CANONICAL.treeToValue(tree, Object.class);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(CANONICAL.writeValueAsBytes(plain));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> pinned() throws IOException {
    Map<String, String> pins = new LinkedHashMap<>();
    try (InputStream in = TemplateVersionsTest.class.getResourceAsStream(PINS)) {
      assertThat(in).as(PINS + " on the test class path").isNotNull();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length == 3 && !line.startsWith("#")) {
          pins.put(fields[0] + " " + fields[1], fields[2]);
        }
      }
    }
    return pins;
  }
}
