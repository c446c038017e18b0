package io.challengeradar.flink.ops;

import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends refused records to, and how they are built. */
public final class DeadLetters {
  /** Refused records of every stage; the job unions them into {@code radar-deadletter}. */
  public static final OutputTag<DeadLetter> TAG =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private DeadLetters() {}

  public static DeadLetter of(
      String raw, String stage, String reason, String field, String detail, Origin origin,
      Instant eventTime) {
    return new DeadLetter(raw, stage, reason, field, detail, origin, eventTime, Instant.now());
  }

  /** A valid event refused by a later stage (late, duplicate, orphan...). */
  public static DeadLetter of(SourcedEvent e, String stage, String reason, String detail) {
    return of(e.raw(), stage, reason, null, detail, e.origin(), e.event().eventTime());
  }
}
