package io.challengeradar.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/documents.md lists every index as the contract defines it. */
class DocumentsDocTest {
  private static final List<Class<?>> FIELD_CLASSES = List.of(VideoFields.class,
      EngagementFields.class, DeadLetterFields.class, WindowFields.class, AlertFields.class,
      StageFields.class, ParticipationFields.class, EmbeddingFields.class);

  private static String fieldsClass(Index index) throws Exception {
    for (Class<?> c : FIELD_CLASSES) {
      if (c.getField("FIELDS").get(null) == index.fields()) {
        return c.getSimpleName();
      }
    }
    throw new AssertionError("no fields class holds the fields of " + index);
  }

  @Test
  void theIndexTableHasOneRowPerIndexAsTheContractDefinesIt() throws Exception {
    List<String> doc = Files.readAllLines(
        Path.of("..", "docs", "documents.md"), StandardCharsets.UTF_8);
    List<String> rows = doc.stream().filter(l -> l.startsWith("| `radar-")).toList();

    for (Index index : Index.values()) {
      String row = "| `" + index.indexName() + "` | `" + fieldsClass(index) + "` | `"
          + index.templateFile() + "` v" + index.template().version() + " | " + index.idRule()
          + " |";
      assertThat(rows).as("docs/documents.md").contains(row);
    }
    assertThat(rows).hasSize(Index.values().length);
  }
}
