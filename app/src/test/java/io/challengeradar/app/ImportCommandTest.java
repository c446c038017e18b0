package io.challengeradar.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.core.event.EventCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImportCommandTest {

  private static final String FIXTURE = """
      user_name,user_id,video_id,video_desc,video_time,video_length,video_link,n_likes,n_shares,n_comments,n_plays
      dancer,6654362767867265030,6951976455400099077,dance #DuetChallenge,1618633159,9,https://www.tiktok.com/@dancer/video/6951976455400099077,1.2K,5,6,"1,234"
      broken,6654362767867265031,6.951976455400099e+18,lost digits,1618633160,9,https://www.tiktok.com/@broken/video/x,1,2,3,4
      """;

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run radar(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Radar.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void importsAFileWritingEventsRejectsAndASummary() throws Exception {
    Path in = dir.resolve("trending_vids.csv");
    Files.writeString(in, FIXTURE);
    Path out = dir.resolve("out/events.ndjson");

    Run run = radar("import", "--format", "tiktokapi-csv", "--in", in.toString(),
        "--out", out.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    List<String> events = Files.readAllLines(out);
    assertThat(events).hasSize(2);
    EventCodec codec = EventCodec.withDefaults();
    for (String line : events) {
      codec.decode(line);
    }
    assertThat(events.get(0)).startsWith("{\"type\":\"post\",\"videoId\":\"6951976455400099077\"")
        .contains("\"hashtags\":[\"duetchallenge\"]", "\"musicId\":null");
    assertThat(events.get(1)).contains("\"views\":1234", "\"likes\":1200",
        "\"observedAt\":\"2021-04-17T04:19:20Z\"");

    List<String> rejects = Files.readAllLines(dir.resolve("out/events.ndjson.rejects.ndjson"));
    assertThat(rejects).singleElement().satisfies(r -> assertThat(r)
        .contains("\"line\":3", "\"field\":\"video_id\"", "float-mangled id"));

    assertThat(run.out()).contains("rows read", "rows converted", "rows rejected",
        "events written", "posts", "snapshots", "elapsed", "events/s", "rejects by reason")
        .containsPattern("rows read\\s+2")
        .containsPattern("rows rejected\\s+1")
        .containsPattern("1\\s+video_id: float-mangled id");
  }

  @Test
  void writesRejectsWhereAsked() throws Exception {
    Path in = dir.resolve("trending_vids.csv");
    Files.writeString(in, FIXTURE);
    Path rejects = dir.resolve("bad.ndjson");

    Run run = radar("import", "--format", "tiktokapi-csv", "--in", in.toString(),
        "--out", dir.resolve("e.ndjson").toString(), "--rejects", rejects.toString());

    assertThat(run.exit()).isZero();
    assertThat(Files.readAllLines(rejects)).hasSize(1);
  }

  @Test
  void anUnknownFormatFailsListingTheValidOnes() {
    Run run = radar("import", "--format", "tiktok", "--in", dir.toString(), "--out",
        dir.resolve("e.ndjson").toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("unknown import format 'tiktok'", "tiktokapi-csv",
        "youtube-trending-csv");
  }

  @Test
  void aMissingInputFailsWithAClearMessage() {
    Run run = radar("import", "--format", "tiktokapi-csv", "--in",
        dir.resolve("missing.csv").toString(), "--out", dir.resolve("e.ndjson").toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("input not found");
    assertThat(dir.resolve("e.ndjson")).doesNotExist();
  }

  @Test
  void aFileOfTheWrongLayoutFailsNamingTheMissingColumns() throws Exception {
    Path in = dir.resolve("trending_vids.csv");
    Files.writeString(in, "a,b\n1,2\n");

    Run run = radar("import", "--format", "tiktokapi-csv", "--in", in.toString(), "--out",
        dir.resolve("e.ndjson").toString());

    assertThat(run.exit()).isNotZero();
    assertThat(run.exit()).isEqualTo(ImportCommand.EXIT_BAD_INPUT);
    assertThat(run.err()).startsWith("radar import: ").contains("not a tiktokapi-csv file",
        "lacks user_name").doesNotContain("Exception");
    assertThat(dir.resolve("e.ndjson")).doesNotExist();
  }
}
