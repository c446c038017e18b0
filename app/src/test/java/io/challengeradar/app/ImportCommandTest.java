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

  private static final String CLIPS = """
      Clip Ref;Creator @;Posted;Plays;Hearts;Replies;Reposts;Tags
      7301000000000000001;@mia;2023-11-05 14:30:00;1.4M;12.5K;686000.0;300;#Sunset #golden_hour
      7301000000000000002;leo;2023-11-06 09:05:00;lots;1;7;0;
      """;

  private static final String CLIPS_MAPPING = """
      csv.delimiter = ;
      post.videoId = Clip Ref
      post.authorId = Creator @
      post.authorId.style = handle
      post.createdAt = Posted
      post.createdAt.format = yyyy-MM-dd HH:mm:ss
      post.createdAt.zone = Europe/Berlin
      post.hashtags = Tags
      engagement.views = Plays
      engagement.likes = Hearts
      engagement.comments = Replies
      engagement.shares = Reposts
      engagement.observedAt.derive = command-line
      """;

  @Test
  void importsALayoutDescribedByAMappingFile() throws Exception {
    Path in = Files.writeString(dir.resolve("clips.csv"), CLIPS);
    Path map = Files.writeString(dir.resolve("clips.properties"), CLIPS_MAPPING);
    Path out = dir.resolve("e.ndjson");

    Run run = radar("import", "--format", "mapped", "--map", map.toString(), "--in",
        in.toString(), "--out", out.toString(), "--observed-at", "2023-11-08T00:00:00Z");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(Files.readAllLines(out)).containsExactly(
        "{\"type\":\"post\",\"videoId\":\"7301000000000000001\",\"authorId\":\"@mia\","
            + "\"createdAt\":\"2023-11-05T13:30:00Z\",\"caption\":\"\","
            + "\"hashtags\":[\"sunset\",\"golden_hour\"],\"musicId\":null,"
            + "\"durationSec\":null}",
        "{\"type\":\"engagement\",\"videoId\":\"7301000000000000001\","
            + "\"observedAt\":\"2023-11-08T00:00:00Z\",\"views\":1400000,\"likes\":12500,"
            + "\"comments\":686000,\"shares\":300}");
    assertThat(Files.readString(dir.resolve("e.ndjson.rejects.ndjson")))
        .contains("\"line\":3", "\"field\":\"Plays\"", "'lots' is not a count");
    assertThat(run.out()).containsPattern("rows read\\s+2").containsPattern("rows rejected\\s+1");
  }

  @Test
  void aBadMappingStopsBeforeAnyRowNamingTheKey() throws Exception {
    Path in = Files.writeString(dir.resolve("clips.csv"), CLIPS);
    Path map = Files.writeString(dir.resolve("clips.properties"),
        CLIPS_MAPPING.replace("yyyy-MM-dd HH:mm:ss", "dd/MM/yyyy"));

    Run run = radar("import", "--format", "mapped", "--map", map.toString(), "--in",
        in.toString(), "--out", dir.resolve("e.ndjson").toString(), "--observed-at",
        "2023-11-08T00:00:00Z");

    assertThat(run.exit()).isEqualTo(ImportCommand.EXIT_BAD_INPUT);
    assertThat(run.err()).startsWith("radar import: ").contains("post.createdAt.format",
        "reads none of the 2 filled values of Posted");
    assertThat(dir.resolve("e.ndjson")).doesNotExist();
  }

  @Test
  void suggestMapProposesAMappingAndPreviewsTheFirstRows() throws Exception {
    Path in = Files.writeString(dir.resolve("clips.csv"), CLIPS);

    Run run = radar("import", "--suggest-map", "--in", in.toString(), "--rows", "1");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("csv.delimiter = ;", "post.hashtags.style = hash-words",
        "# guess: ", "engagement.observedAt.derive = newest-created-at",
        "# {\"type\":\"post\",\"videoId\":\"7301000000000000001\"");
    // --rows 1: the first row's post and snapshot only; the second row (plays "lots", a
    // reject) is not reached.
    assertThat(run.out()).doesNotContain("REJECT");
    assertThat(run.out().lines().filter(l -> l.startsWith("# {"))).hasSize(2);
  }

  @Test
  void formatMappedWithoutAMapIsAUsageError() {
    Run run = radar("import", "--format", "mapped", "--in", dir.toString(), "--out",
        dir.resolve("e.ndjson").toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--format mapped needs --map FILE");
  }
}
