package io.challengeradar.core.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImportersTest {

  @Test
  void listsEveryFormatAndGivesAnImporterForEach() {
    assertThat(Importers.formats()).containsExactly("tiktok-scraper-json", "tiktokapi-csv",
        "datares-users-csv", "datares-sounds-csv", "vn-feed-csv", "vn-histories-csv",
        "youtube-trending-csv");
    for (String format : Importers.formats()) {
      assertThat(Importers.forFormat(format).format()).isEqualTo(format);
    }
  }

  @Test
  void anUnknownFormatIsRefusedListingTheValidOnes() {
    assertThatThrownBy(() -> Importers.forFormat("tiktok-csv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown import format 'tiktok-csv'")
        .hasMessageContaining("tiktokapi-csv, datares-users-csv");
  }

  @Test
  void statsAlwaysAddUp() {
    assertThatThrownBy(() -> new ImportStats(3, 1, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rowsRead must equal rowsConverted + rowsRejected");
  }

  @Test
  void rejectsKeepARawPrefixAndGroupByKind() {
    Reject r = new Reject("f.csv", 7, "views", "'1.2x' is not a count", "y".repeat(2_000));
    assertThat(r.raw()).startsWith("y".repeat(Reject.MAX_RAW_CHARS)).endsWith("(1500 more chars)");
    assertThat(r.reasonKind()).isEqualTo("views: '…' is not a count");
    assertThat(new Reject("f.csv", 1, "collector[12].id", "only 11 of 19", "").reasonKind())
        .isEqualTo("collector[i].id: only N of N");
    assertThat(new Reject("f.csv", 7, "views", "bad \"q\"", "a\nb").toJson()).isEqualTo(
        "{\"source\":\"f.csv\",\"line\":7,\"field\":\"views\",\"reason\":\"bad \\\"q\\\"\","
            + "\"raw\":\"a\\nb\"}");
  }
}
