package io.challengeradar.core.importer;

import java.io.IOException;

/** Where an importer puts the source rows it could not convert (a dead-letter place). */
@FunctionalInterface
public interface RejectSink {
  void accept(Reject reject) throws IOException;
}
