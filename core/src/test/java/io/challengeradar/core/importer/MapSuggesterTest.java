package io.challengeradar.core.importer;

import static io.challengeradar.core.importer.Collected.resource;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --suggest-map on layouts it has never seen: the guesses, their marks, and the preview. */
class MapSuggesterTest {

  @TempDir Path dir;

  @Test
  void proposesAMappingForAnUnseenCsvLayoutAndPreviewsItsFirstRows() throws Exception {
    String text = MapSuggester.suggest(resource("mapped/clips.csv"), 2, Collected.CODEC);

    assertThat(text).contains(
        "csv.delimiter = ;",
        "post.videoId = Clip Ref\npost.videoId.style = digits",
        "post.authorId = Creator @\npost.authorId.style = handle",
        "post.createdAt = Posted (local)\npost.createdAt.format = dd/MM/yyyy HH:mm\n"
            + "post.createdAt.zone = UTC",
        "post.hashtags = Tag list\npost.hashtags.style = list",
        "post.musicId = Track\npost.musicId.style = hash",
        "engagement.views = Plays\nengagement.views.style = display",
        "engagement.comments = Replies\nengagement.comments.style = float",
        "engagement.observedAt = Seen At\nengagement.observedAt.format = epoch-seconds");
    // every guessed line is marked, and the zone guess says it is one
    assertThat(text).contains("# guess: name 'Plays'", "the zone is a guess")
        .doesNotContain("not mapped");
    // the preview is what the import gives: the first row's post and snapshot
    assertThat(text).contains("# {\"type\":\"post\",\"videoId\":\"7301000000000000001\"",
        "# {\"type\":\"engagement\",\"videoId\":\"7301000000000000001\"");
  }

  @Test
  void theProposalIsAMappingFileThatImportsTheLayout() throws Exception {
    Path mapping = dir.resolve("proposed.properties");
    Files.writeString(mapping, MapSuggester.suggest(resource("mapped/clips.jsonl"), 2,
        Collected.CODEC));

    Collected c = MappedImporterTest.run(mapping, resource("mapped/clips.jsonl"), null);

    assertThat(Files.readString(mapping)).contains("post.videoId = item.id",
        "post.createdAt.format = epoch-millis", "post.musicId = item.music.title",
        "engagement.observedAt.derive = newest-created-at", "post.hashtags.style = list");
    assertThat(c.stats).isEqualTo(new ImportStats(3, 2, 1, 4));
  }
}
