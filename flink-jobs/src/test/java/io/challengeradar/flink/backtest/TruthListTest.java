package io.challengeradar.flink.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthListTest {

  @TempDir Path tmp;

  @Test
  void writesAndReadsBackTheEntriesWithTheirEvidence() throws Exception {
    TruthEntry crocs = new TruthEntry(new TagKey("hashtag", "getcrocd"),
        LocalDate.parse("2021-04-08"), LocalDate.parse("2021-04-08"), 39, 7.25,
        new TreeMap<>(Map.of(LocalDate.parse("2021-04-07"), 4L,
            LocalDate.parse("2021-04-08"), 14L)));
    TruthEntry comma = new TruthEntry(new TagKey("hashtag", "a, \"b\""), null, null, null, null,
        null);
    Path file = tmp.resolve("t.csv");

    TruthList.write(file, List.of("made by a test"), List.of(crocs, comma));
    List<TruthEntry> back = TruthList.read(file);

    assertThat(Files.readString(file)).startsWith("# made by a test\nkind,tag,");
    assertThat(back).hasSize(2);
    assertThat(back.get(0).key()).isEqualTo(crocs.key());
    assertThat(back.get(0).daily()).isEqualTo(crocs.daily());
    assertThat(back.get(0).rise()).isEqualTo(7.3);
    assertThat(back.get(1).key().tag()).isEqualTo("a, \"b\"");
  }

  @Test
  void onlyKindAndTagAreNeededAndHashtagsAreNormalised() throws Exception {
    Path file = tmp.resolve("t.csv");
    Files.writeString(file, "tag,kind\n#GetCrocd,hashtag\nm-1,sound\n");

    assertThat(TruthList.read(file)).extracting(TruthEntry::key).containsExactly(
        new TagKey("hashtag", "getcrocd"), new TagKey("sound", "m-1"));
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> TruthList.read(tmp.resolve("nope.csv")))
        .isInstanceOf(TruthList.TruthFileException.class)
        .hasMessageContaining("truth file not found").hasMessageContaining("nope.csv");
  }

  @Test
  void aBadRowIsRefusedWithItsLine() throws Exception {
    Path file = tmp.resolve("t.csv");
    Files.writeString(file, "# comment\nkind,tag,authors\nhashtag,ok,3\nvideo,bad,4\n");
    assertThatThrownBy(() -> TruthList.read(file))
        .isInstanceOf(TruthList.TruthFileException.class)
        .hasMessageContaining("line 4").hasMessageContaining("kind 'video'");

    Files.writeString(file, "kind,tag,authors\nhashtag,ok,many\n");
    assertThatThrownBy(() -> TruthList.read(file)).hasMessageContaining("line 2")
        .hasMessageContaining("many");

    Files.writeString(file, "kind,tag\nhashtag\n");
    assertThatThrownBy(() -> TruthList.read(file)).hasMessageContaining("line 2")
        .hasMessageContaining("1 fields, the header has 2");

    Files.writeString(file, "name,count\nx,1\n");
    assertThatThrownBy(() -> TruthList.read(file)).hasMessageContaining("kind and tag");
  }
}
