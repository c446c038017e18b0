package io.challengeradar.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FieldsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0          | 0
      454        | 454
      1098       | 1098
      1.4M       | 1400000
      12.3K      | 12300
      541.2K     | 541200
      30K        | 30000
      2.5b       | 2500000000
      '1,234'    | 1234
      '12,345,678' | 12345678
      1234.0     | 1234
      ' 77 '     | 77
      """)
  void readsCountsAsWrittenBySources(String text, long expected) throws Exception {
    assertThat(Fields.count("n", text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      1.2.3K     | is not a count
      1.2345K    | is not a whole number
      5.5        | is not a whole number
      -3         | is negative
      '1,23'     | misplaced commas
      #N/A       | spreadsheet error value '#N/A'
      Share      | is not a count
      1e6        | is not a count
      99999999999999999999 | too large
      """)
  void refusesWhatIsNotAnExactCount(String text, String reason) {
    assertThatThrownBy(() -> Fields.count("views", text))
        .isInstanceOfSatisfying(RowException.class, e -> {
          assertThat(e.field()).isEqualTo("views");
          assertThat(e.reason()).contains(reason);
        });
  }

  @Test
  void recoversAnIdFromFloatNotationOnlyWhenEveryDigitSurvived() throws Exception {
    assertThat(Fields.digitsId("id", "6907228749016714497")).isEqualTo("6907228749016714497");
    assertThat(Fields.digitsId("id", "6.907228749016714497e+18"))
        .isEqualTo("6907228749016714497");
    assertThat(Fields.digitsId("id", "6907228749016714497.0")).isEqualTo("6907228749016714497");
    assertThatThrownBy(() -> Fields.digitsId("id", "6.9123456789e+18"))
        .hasMessageContaining("only 11 of its 19 digits survive");
    assertThatThrownBy(() -> Fields.digitsId("id", "6.5e18"))
        .hasMessageContaining("cannot be recovered");
    assertThat(Fields.digitsIdOrNullIfMangled("music_id", "7.506832745952218e+18")).isNull();
    assertThatThrownBy(() -> Fields.digitsId("id", "abc")).hasMessageContaining("not a numeric id");
    assertThatThrownBy(() -> Fields.digitsId("id", "12.5")).hasMessageContaining("fractional");
    assertThatThrownBy(() -> Fields.digitsId("id", "1e999999999")).hasMessageContaining("digits");
    assertThatThrownBy(() -> Fields.digitsId("id", "#N/A")).hasMessageContaining("spreadsheet");
    assertThatThrownBy(() -> Fields.digitsId("id", " ")).hasMessageContaining("empty");
  }

  @Test
  void parsesPythonListLiterals() throws Exception {
    assertThat(Fields.pythonList("h", "[]")).isEmpty();
    assertThat(Fields.pythonList("h", "['johncena', 'love', 'fyp']"))
        .containsExactly("johncena", "love", "fyp");
    assertThat(Fields.pythonList("h", "[\"it's\", 'say \\'hi\\'', 'a\\\\b']"))
        .containsExactly("it's", "say 'hi'", "a\\b");
    assertThat(Fields.pythonList("h", "['PaTiChallenge\\xa0on', 'Da_iCE\\u3000', '\\U0001F600']"))
        .containsExactly("PaTiChallenge\u00a0on", "Da_iCE\u3000", "\uD83D\uDE00");
    assertThat(Fields.pythonList("h", "['a',]")).containsExactly("a");
    for (String bad : new String[] {"['a'", "['a' 'b']", "[a]", "'a'", "['a'] x", "['\\q']",
        "['\\x4']", "['unclosed]"}) {
      assertThatThrownBy(() -> Fields.pythonList("h", bad))
          .as(bad).hasMessageContaining("not a Python list literal");
    }
  }

  @Test
  void parsesTimesAndDurations() throws Exception {
    assertThat(Fields.unixSeconds("t", "1608214517")).isEqualTo(Instant.ofEpochSecond(1608214517));
    assertThat(Fields.unixSeconds("t", "1608214517.0"))
        .isEqualTo(Instant.ofEpochSecond(1608214517));
    assertThatThrownBy(() -> Fields.unixSeconds("t", "1608214517.5"))
        .hasMessageContaining("not a unix time");
    assertThat(Fields.localDateTime("t", "2025-05-21 09:44:45", ZoneOffset.ofHours(7)))
        .isEqualTo(Instant.parse("2025-05-21T02:44:45Z"));
    assertThatThrownBy(() -> Fields.localDateTime("t", "2025-02-30 10:00:00", ZoneOffset.UTC))
        .hasMessageContaining("is not a date-time");
    assertThatThrownBy(() -> Fields.localDateTime("t", "21/05/2025 09:44", ZoneOffset.UTC))
        .hasMessageContaining("is not a date-time");
    assertThat(Fields.durationSec("d", "00:31")).isEqualTo(31);
    assertThat(Fields.durationSec("d", "01:05")).isEqualTo(65);
    assertThat(Fields.durationSec("d", "1:02:03")).isEqualTo(3723);
    assertThat(Fields.durationSec("d", "15")).isEqualTo(15);
    assertThatThrownBy(() -> Fields.durationSec("d", "01:75")).hasMessageContaining("duration");
  }

  @Test
  void authorIdsFromNamesHaveNoBlanksAndDecodeBack() throws Exception {
    assertThat(Authors.fromName("c", "Apple Event")).isEqualTo("Apple%20Event");
    assertThat(Authors.fromName("c", "100% Real\tTV")).isEqualTo("100%25%20Real%09TV");
    assertThat(java.net.URLDecoder.decode("100%25%20Real%09TV",
        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("100% Real\tTV");
    assertThat(Authors.fromHandle("u", "@charli")).isEqualTo("@charli");
    assertThatThrownBy(() -> Authors.fromHandle("u", " ")).hasMessageContaining("empty");
  }
}
