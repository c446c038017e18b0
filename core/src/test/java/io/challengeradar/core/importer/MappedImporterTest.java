package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Collected.resource;
import static io.challengeradar.core.importer.Collected.unix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Post;
import io.challengeradar.core.util.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layouts no importer was written for (a semicolon CSV with odd column names and a JSON Lines
 * pull with nested fields), imported with a mapping file only; and every way a mapping can be
 * wrong, each refused before a single row is converted.
 */
class MappedImporterTest {

  private static final Path CSV = resource("mapped/clips.csv");
  private static final Path JSONL = resource("mapped/clips.jsonl");

  @TempDir Path dir;

  static Collected run(Path mapping, Path in, Instant observedAt) throws IOException {
    Collected c = new Collected();
    c.stats = Importers.mapped(mapping, observedAt, Collected.CODEC)
        .importFrom(in, c, c, Progress.silent());
    return c;
  }

  @Test
  void importsACsvLayoutItHasNeverSeenFromItsMappingFileAlone() throws Exception {
    Collected c = run(resource("mapped/clips.properties"), CSV, null);

    String summerSong = FieldReaders.hashId("Summer Song");
    assertThat(summerSong).isEqualTo("h40b277b17cd6e5b0");
    assertThat(c.events).containsExactly(
        // 14:30 in Berlin in November is 13:30 UTC; 1.4M, 12.5K and 686000.0 read exactly
        Post.of("7301000000000000001", "@mia", Instant.parse("2023-11-05T13:30:00Z"),
                "sunset; #Golden hour", List.of("sunset", "golden_hour"), summerSong, null)
            .withAuthorHandle("mia"),
        new EngagementSnapshot("7301000000000000001", unix(1699300000), 1_400_000, 12_500,
            686_000, 300, null),
        // a quoted caption over two lines; an empty track is no sound, not a made-up one
        Post.of("7301000000000000002", "@leo", Instant.parse("2023-11-06T08:05:00Z"),
                "two lines\nand a quote \"x\"", List.of(), null, null)
            .withAuthorHandle("leo"),
        new EngagementSnapshot("7301000000000000002", unix(1699300000), 12_500, 1_234, 7, 0,
            null),
        // the same video again: its post was written, so the row is one more snapshot
        new EngagementSnapshot("7301000000000000001", unix(1699400000), 1_500_000, 13_000,
            700_000, 310, null));
    assertThat(c.rejects).extracting(Reject::line, Reject::field, Reject::reason)
        .containsExactly(tuple(6L, "Plays", "'lots' is not a count"));
    assertThat(c.stats).isEqualTo(new ImportStats(4, 3, 1, 5));
  }

  @Test
  void importsJsonLinesByDottedPathAndObservesAtTheNewestPost() throws Exception {
    Collected c = run(resource("mapped/clips-jsonl.properties"), JSONL, null);

    String beatIt = FieldReaders.hashId("Beat It");
    Instant newest = Instant.ofEpochMilli(1699280000000L);
    assertThat(c.events).containsExactly(
        Post.of("7301000000000000009", "6654362767867265030", Instant.ofEpochMilli(1699190000000L),
                "hi #Dance #fun", List.of("dance", "fun"), beatIt, null)
            .withAuthorHandle("mia"),
        new EngagementSnapshot("7301000000000000009", newest, 1_200_000, 4_500, 12, 3, null),
        Post.of("7301000000000000010", "6654362767867265031", newest, "", List.of(), beatIt,
                null)
            .withAuthorHandle("zoe"),
        new EngagementSnapshot("7301000000000000010", newest, 900, 12_500, 0, 0, null));
    assertThat(c.rejects).singleElement().satisfies(r -> {
      assertThat(r.line()).isEqualTo(3);
      assertThat(r.field()).isEqualTo("$");
      assertThat(r.reason()).startsWith("not valid JSON");
    });
    assertThat(c.stats).isEqualTo(new ImportStats(3, 2, 1, 4));
  }

  @Test
  void takesTheObservationTimeFromTheCommandLineWhenTheMappingSaysSo() throws Exception {
    Path mapping = variant("mapped/clips-jsonl.properties",
        "engagement.observedAt.derive = newest-created-at",
        "engagement.observedAt.derive = command-line");
    Instant pulled = Instant.parse("2023-11-08T00:00:00Z");

    Collected c = run(mapping, JSONL, pulled);

    assertThat(c.snapshots()).extracting(EngagementSnapshot::observedAt)
        .containsExactly(pulled, pulled);
    assertThatThrownBy(() -> run(mapping, JSONL, null))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("engagement.observedAt.derive")
        .hasMessageContaining("no observation time was given");
  }

  @Test
  void refusesAMappingThatNamesAColumnTheFileLacks() throws Exception {
    Path mapping = variant("mapped/clips.properties", "post.caption = Text",
        "post.caption = Caption");
    assertRefusedBeforeAnyRow(mapping, CSV, "post.caption = Caption: not in");
  }

  @Test
  void refusesAJsonPathNoSampleLineHas() throws Exception {
    Path mapping = variant("mapped/clips-jsonl.properties", "post.caption = item.desc",
        "post.caption = item.text");
    assertRefusedBeforeAnyRow(mapping, JSONL, "post.caption = item.text: not in");
  }

  @Test
  void refusesATimeFormatThatReadsNoneOfTheSample() throws Exception {
    Path mapping = variant("mapped/clips.properties", "post.createdAt.format = dd/MM/yyyy HH:mm",
        "post.createdAt.format = yyyy-MM-dd HH:mm");
    assertRefusedBeforeAnyRow(mapping, CSV, "post.createdAt.format: the format 'yyyy-MM-dd "
        + "HH:mm' reads none of the 4 filled values of Posted (local)");
  }

  @Test
  void refusesACountStyleThatReadsNoneOfTheSample() throws Exception {
    Path mapping = variant("mapped/clips.properties", "engagement.views = Plays",
        "engagement.views = Plays\nengagement.views.style = plain");
    assertRefusedBeforeAnyRow(mapping, CSV, "engagement.views.style: the style 'plain' reads "
        + "none of the 4 filled values of Plays in the first 4 rows; the first: '1.4M' is not a "
        + "plain count");
  }

  @Test
  void refusesTwoMappingsForOneField() throws Exception {
    Path both = variant("mapped/clips.properties", "post.musicId.style = hash",
        "post.musicId.style = hash\npost.musicId.const = 123");
    assertRefusedBeforeAnyRow(both, CSV,
        "post.musicId: two mappings for one field (post.musicId and post.musicId.const)");
    Path twice = variant("mapped/clips.properties", "post.caption = Text",
        "post.caption = Text\npost.caption = Tag list");
    assertRefusedBeforeAnyRow(twice, CSV, "post.caption: given twice");
  }

  @Test
  void refusesUnknownKeysAndIncompleteMappings() throws Exception {
    Path typo = variant("mapped/clips.properties", "post.caption = Text", "post.captoin = Text");
    assertRefusedBeforeAnyRow(typo, CSV, "post.captoin: unknown key");
    Path noTime = variant("mapped/clips.properties", "engagement.observedAt = Seen At\n"
        + "engagement.observedAt.format = epoch-seconds", "");
    assertRefusedBeforeAnyRow(noTime, CSV,
        "engagement.observedAt: missing; a snapshot needs it");
  }

  @Test
  void aJsonLineWithBadBytesAHugeLineAndACutLastLineCostOnlyThemselves() throws Exception {
    byte[] good = Files.readAllBytes(JSONL);
    String first = new String(good, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write((first + "\n").getBytes(StandardCharsets.UTF_8));
    // line 2: a caption with a byte that is not UTF-8
    out.write(first.replace("hi #Dance", "hi \u0001").getBytes(StandardCharsets.UTF_8));
    byte[] line2 = out.toByteArray();
    int at = indexOf(line2, (byte) 1);
    line2[at] = (byte) 0xC3; // a lead byte followed by a space: invalid UTF-8
    out.reset();
    out.write(line2);
    out.write('\n');
    // line 3: 5 MiB of one string, over the 4 MiB limit
    out.write(("{\"item\":{\"desc\":\"" + "x".repeat(5 << 20) + "\"}}\n")
        .getBytes(StandardCharsets.UTF_8));
    // line 4: the file ends inside an object
    out.write(first.substring(0, 40).getBytes(StandardCharsets.UTF_8));
    Path in = Files.write(dir.resolve("hostile.jsonl"), out.toByteArray());

    Collected c = run(resource("mapped/clips-jsonl.properties"), in, null);

    assertThat(c.rejects).extracting(Reject::line, Reject::field).containsExactly(
        tuple(2L, "$"), tuple(3L, "$"), tuple(4L, "$"));
    assertThat(c.rejects.get(0).reason()).contains("not valid JSON", "UTF-8");
    assertThat(c.rejects.get(1).reason()).contains("over the limit");
    assertThat(c.rejects.get(1).raw().length()).isLessThan(2_000);
    assertThat(c.stats).isEqualTo(new ImportStats(4, 1, 3, 2));
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    throw new AssertionError("byte not found");
  }

  @Test
  void aMappingWithoutPostFieldsGivesSnapshotsOnly() throws Exception {
    Path mapping = dir.resolve("snapshots.properties");
    Files.writeString(mapping, String.join("\n", "csv.delimiter = ;",
        "engagement.videoId = Clip Ref", "engagement.views = Plays", "engagement.likes = Hearts",
        "engagement.comments = Replies", "engagement.shares.const = 0",
        "engagement.observedAt = Seen At", "engagement.observedAt.format = epoch-seconds", ""));

    Collected c = run(mapping, CSV, null);

    assertThat(c.posts()).isEmpty();
    assertThat(c.snapshots()).extracting(EngagementSnapshot::videoId, EngagementSnapshot::shares)
        .containsExactly(tuple("7301000000000000001", 0L), tuple("7301000000000000002", 0L),
            tuple("7301000000000000001", 0L));
    assertThat(c.stats).isEqualTo(new ImportStats(4, 3, 1, 3));
  }

  @Test
  void theGeneratedFlatCsvOfTheBenchmarkConvertsWhole() throws Exception {
    FlatCsvSample.Sample sample = FlatCsvSample.write(dir.resolve("flat"), 1_000, 7);

    Collected c = run(sample.mapping(), sample.csv(), null);

    assertThat(c.stats).isEqualTo(new ImportStats(1_000, 1_000, 0, 2_000));
    assertThat(c.posts().get(0).hashtags()).isNotEmpty();
    assertThat(c.snapshots()).anySatisfy(s -> assertThat(s.views() % 100_000).isZero());
  }

  private void assertRefusedBeforeAnyRow(Path mapping, Path in, String message) {
    Collected c = new Collected();
    assertThatThrownBy(() -> Importers.mapped(mapping, null, Collected.CODEC)
        .importFrom(in, c, c, Progress.silent()))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(message);
    assertThat(c.events).isEmpty();
    assertThat(c.rejects).isEmpty();
  }

  /** The shipped test mapping with one line replaced, written to a temporary file. */
  private Path variant(String resource, String line, String replacement) throws IOException {
    String text = Files.readString(resource(resource), StandardCharsets.UTF_8);
    assertThat(text).as("fixture line to replace").contains(line + "\n");
    Path out = dir.resolve("variant-" + Math.abs((line + replacement).hashCode()) + ".properties");
    Files.writeString(out, text.replace(line + "\n", replacement + "\n"));
    return out;
  }
}
