package io.challengeradar.flink.intel;

import java.io.Serializable;
import java.time.Duration;

/**
 * Who is a candidate participant of a challenge: an author who posted within {@code activeWithin}
 * (event time) before the alert, has at least {@code minVideos} videos outside the challenge and
 * has not posted with its tag.
 */
public record CandidateRules(Duration activeWithin, int minVideos) implements Serializable {

  /** Why a user is or is not scored; each outcome is counted. */
  public enum Verdict {
    CANDIDATE,
    JOINED,
    INACTIVE,
    TOO_FEW_VIDEOS
  }

  /** A user to score, with the representation they are scored with. */
  public record Candidate(
      String userId, long lastActiveMillis, float[] representation, int videos) {}

  public static CandidateRules of(IntelligenceOptions o) {
    return new CandidateRules(o.activeWithin(), o.minVideos());
  }

  public Verdict judge(UserHistory h, String challenge, long alertMillis) {
    if (h.joined(challenge)) {
      return Verdict.JOINED;
    }
    if (h.lastActiveMillis() < alertMillis - activeWithin.toMillis()) {
      return Verdict.INACTIVE;
    }
    if (h.outside(challenge).size() < minVideos) {
      return Verdict.TOO_FEW_VIDEOS;
    }
    return Verdict.CANDIDATE;
  }

  /** The candidate for a user the rules accepted. */
  public Candidate candidate(String userId, UserHistory h, String challenge) {
    return new Candidate(userId, h.lastActiveMillis(), h.representationFor(challenge),
        h.outside(challenge).size());
  }
}
