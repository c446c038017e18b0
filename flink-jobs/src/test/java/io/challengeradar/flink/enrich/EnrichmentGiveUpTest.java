package io.challengeradar.flink.enrich;

import static io.challengeradar.flink.TestEvents.minutes;
import static io.challengeradar.flink.TestEvents.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.SourcedEvent;
import io.challengeradar.serving.client.ServingClientException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a give-up's dead letter says, for each way the last call can fail. */
class EnrichmentGiveUpTest {
  private static final SourcedEvent POST = new SourcedEvent(
      post("v1", "a1", minutes(3), null, "dance"), "{\"videoId\":\"v1\"}",
      Origin.kafka("radar.posts", 1, 42));

  private static ServingClientException status(int status) {
    return new ServingClientException(status, null, "http://serving/v1/enrich: " + status, null);
  }

  @Test
  void theLastFailureIsTheReason() {
    assertThat(EnrichmentGiveUp.reason(new CompletionException(new TimeoutException())))
        .isEqualTo(DeadLetter.REASON_SERVING_TIMEOUT);
    assertThat(EnrichmentGiveUp.reason(new ServingClientException(0, null, "no answer",
        new HttpTimeoutException("request timed out"))))
        .isEqualTo(DeadLetter.REASON_SERVING_TIMEOUT);
    assertThat(EnrichmentGiveUp.reason(new CompletionException(new ServingClientException(0,
        null, "no answer", new ConnectException("Connection refused")))))
        .isEqualTo(DeadLetter.REASON_SERVING_UNREACHABLE);
    assertThat(EnrichmentGiveUp.reason(status(429))).isEqualTo(DeadLetter.REASON_SERVING_OVERLOADED);
    assertThat(EnrichmentGiveUp.reason(status(503))).isEqualTo(DeadLetter.REASON_SERVING_OVERLOADED);
    assertThat(EnrichmentGiveUp.reason(status(400))).isEqualTo(DeadLetter.REASON_SERVING_REFUSED);
    assertThat(EnrichmentGiveUp.reason(status(500))).isEqualTo(DeadLetter.REASON_SERVING_REFUSED);
    assertThat(EnrichmentGiveUp.reason(new ServingClientException(200, "unreadable_answer",
        "not JSON", null))).isEqualTo(DeadLetter.REASON_SERVING_BAD_ANSWER);
    assertThat(EnrichmentGiveUp.reason(
        new EnrichmentGiveUp.BadAnswer(new IllegalStateException("answer 0 is for video v2"))))
        .isEqualTo(DeadLetter.REASON_SERVING_BAD_ANSWER);
    assertThat(EnrichmentGiveUp.reason(new IllegalArgumentException("posts: 1 to 64")))
        .isEqualTo(DeadLetter.REASON_SERVING_REFUSED);
  }

  @Test
  void theDeadLetterCarriesThePostItsAttemptsAndABoundedDetail() {
    DeadLetter d = EnrichmentGiveUp.of(POST, 61,
        new CompletionException(new ServingClientException(503, "over_capacity",
            "x".repeat(5_000), null)));

    assertThat(d.stage()).isEqualTo(DeadLetter.STAGE_ENRICHMENT);
    assertThat(d.reason()).isEqualTo(DeadLetter.REASON_SERVING_OVERLOADED);
    assertThat(d.attempts()).isEqualTo(61);
    assertThat(d.raw()).isEqualTo(POST.raw());
    assertThat(d.origin()).isEqualTo(POST.origin());
    assertThat(d.eventTime()).isEqualTo(minutes(3));
    assertThat(d.field()).isNull();
    assertThat(d.detail()).startsWith("no answer from the serving tier after 61 attempts")
        .contains("radar reenrich").hasSizeLessThan(EnrichmentGiveUp.MAX_FAILURE_CHARS + 250);
  }

  @Test
  void aPostGivenUpForAnotherReasonKeepsItsOneDeadLetter() {
    DeadLetter timedOut = EnrichmentGiveUp.of(POST, 3, new TimeoutException());
    DeadLetter refused = EnrichmentGiveUp.of(POST, 3, status(503));

    assertThat(timedOut.reason()).isNotEqualTo(refused.reason());
    assertThat(timedOut.id()).isEqualTo(refused.id());
  }
}
