package io.challengeradar.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.core.importer.CsvReader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  /** Each record as its line and fields, e.g. "3:[a, b]". */
  private static List<String> read(byte[] input, int maxRecordBytes) throws Exception {
    List<String> out = new ArrayList<>();
    try (CsvReader r = new CsvReader(new ByteArrayInputStream(input), maxRecordBytes)) {
      CsvRecord rec;
      while ((rec = r.next()) != null) {
        List<String> fields = new ArrayList<>();
        if (rec.oversized()) {
          fields.add("<oversized " + rec.bytes() + ">");
        } else {
          for (int i = 0; i < rec.size(); i++) {
            fields.add(rec.text(i, "f" + i));
          }
        }
        out.add(rec.line() + ":" + fields + (rec.unterminated() ? " unterminated" : ""));
      }
    }
    return out;
  }

  private static List<String> read(String input) throws Exception {
    return read(input.getBytes(StandardCharsets.UTF_8), CsvReader.DEFAULT_MAX_RECORD_BYTES);
  }

  @Test
  void readsQuotedFieldsWithCommasQuotesAndNewlines() throws Exception {
    assertThat(read("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n3,,\n"))
        .containsExactly("1:[a, b, c]", "2:[1, x, y, say \"hi\"]", "3:[2, two\nlines, z]",
            "5:[3, , ]");
  }

  @Test
  void countsPhysicalLinesAcrossCrLfBlankLinesAndQuotedNewlines() throws Exception {
    assertThat(read("h1,h2\r\n\r\na,\"b\r\nc\"\r\nd,e"))
        .containsExactly("1:[h1, h2]", "3:[a, b\r\nc]", "5:[d, e]");
  }

  @Test
  void keepsTextAfterAClosingQuoteAsPythonDoes() throws Exception {
    // YouTube v2 tags: "a"|"b" is not RFC 4180; Python's csv reads it as a|"b".
    assertThat(read("x,\"a\"|\"b\"|\"c\",y\n")).containsExactly("1:[x, a|\"b\"|\"c\", y]");
  }

  @Test
  void skipsAByteOrderMark() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b', '\n'};
    assertThat(read(bom, 1024)).containsExactly("1:[a, b]");
  }

  @Test
  void marksAQuoteLeftOpenAtTheEnd() throws Exception {
    assertThat(read("a,b\n1,\"never closed\n2,3\n"))
        .containsExactly("1:[a, b]", "2:[1, never closed\n2,3\n] unterminated");
  }

  @Test
  void skipsAnOversizedRecordWithoutBufferingItAndCarriesOn() throws Exception {
    String big = "x".repeat(5_000);
    assertThat(read(("a,b\n1," + big + "\n2,3\n").getBytes(StandardCharsets.UTF_8), 1_024))
        .containsExactly("1:[a, b]", "2:[<oversized 5002>]", "3:[2, 3]");
  }

  @Test
  void refusesInvalidUtf8InOneFieldOnly() throws Exception {
    byte[] input = {'a', ',', (byte) 0xC3, 'x', '\n'};
    try (CsvReader r = new CsvReader(new ByteArrayInputStream(input))) {
      CsvRecord rec = r.next();
      assertThat(rec.text(0, "first")).isEqualTo("a");
      assertThatThrownBy(() -> rec.text(1, "second"))
          .isInstanceOfSatisfying(RowException.class, e -> {
            assertThat(e.field()).isEqualTo("second");
            assertThat(e.reason()).contains("UTF-8");
          });
      assertThat(rec.raw()).isEqualTo("a,\uFFFDx");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
