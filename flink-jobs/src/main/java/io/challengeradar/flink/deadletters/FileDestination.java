package io.challengeradar.flink.deadletters;

import io.challengeradar.flink.deadletters.DeadLetterReplay.Letter;
import io.challengeradar.flink.model.Origin;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Re-submits dead letters that came from a file as lines of one NDJSON file, appended to, for
 * the job to be run on ({@code radar demo --data FILE --format ndjson}, or {@code job.files}).
 * The original file is never written: the job may still be reading it.
 */
public final class FileDestination implements DeadLetterReplay.Destination {
  private final Path out;
  private BufferedWriter writer;

  public FileDestination(Path out) {
    this.out = out;
  }

  @Override
  public boolean takes(Origin origin) {
    return Origin.FILE.equals(origin.kind());
  }

  @Override
  public void send(Letter letter) throws IOException {
    if (writer == null) {
      writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    writer.write(letter.raw());
    writer.write('\n');
  }

  @Override
  public void flush() throws IOException {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public String name(Letter letter) {
    return "file:" + out;
  }

  @Override
  public void close() throws IOException {
    if (writer != null) {
      writer.close();
    }
  }
}
