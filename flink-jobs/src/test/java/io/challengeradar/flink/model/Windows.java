package io.challengeradar.flink.model;

import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import java.time.Duration;
import java.time.Instant;

/**
 * Trend windows and alerts for tests, so a test names only the figures it is about: {@code
 * aWindow().newParticipants(6).score(5.0).build()}. Unset figures are those of a quiet window:
 * hashtag {@code dance}, the hour from {@link #BEGINNING}, zero counts, no baseline, no samples.
 */
public final class Windows {
  public static final Instant BEGINNING = Instant.parse("2024-03-01T00:00:00Z");
  public static final Duration HOUR = Duration.ofHours(1);

  private Windows() {}

  public static Builder aWindow() {
    return new Builder();
  }

  /**
   * The alert a stage's pattern raises on {@code windows} (oldest first): detected at the end of
   * the last one, with its samples and earliest participants.
   */
  public static ChallengeAlert alertOn(Stage stage, WindowStats... windows) {
    WindowStats trigger = windows[windows.length - 1];
    return ChallengeAlert.match(stage, windows, trigger.sampleVideos()).raised(1,
        trigger.windowEnd());
  }

  /** A window of one tag; each setter sets one figure of the document. */
  public static final class Builder {
    private TagKind kind = TagKind.HASHTAG;
    private String tag = "dance";
    private Instant start = BEGINNING;
    private Instant end = BEGINNING.plus(HOUR);
    private long newPosts;
    private long participants;
    private long newParticipants;
    private long cumulativeParticipants;
    private long viewsGained;
    private double participantGrowth;
    private long previousNewParticipants;
    private long previousViewsGained;
    private long windowVolume;
    private double share;
    private long recentNewParticipants;
    private double recentShare;
    private double previousRecentShare;
    private double baselineShare;
    private double expectedNewParticipants;
    private double lift;
    private double score;
    private double previousShare;
    private double peakScore;
    private double peakRecentShare;
    private Instant firstSeen = BEGINNING;
    private String[] sampleVideos = new String[0];
    private String[] earliestParticipants = new String[0];

    private Builder() {}

    public Builder hashtag(String tag) {
      this.kind = TagKind.HASHTAG;
      this.tag = tag;
      return this;
    }

    public Builder sound(String musicId) {
      this.kind = TagKind.SOUND;
      this.tag = musicId;
      return this;
    }

    /** The hour-long window that starts at {@code start}. */
    public Builder hourFrom(Instant start) {
      return between(start, start.plus(HOUR));
    }

    /** The hour-long window that ends at {@code end}. */
    public Builder hourTo(Instant end) {
      return between(end.minus(HOUR), end);
    }

    public Builder between(Instant start, Instant end) {
      this.start = start;
      this.end = end;
      return this;
    }

    public Builder newPosts(long n) {
      this.newPosts = n;
      return this;
    }

    public Builder participants(long n) {
      this.participants = n;
      return this;
    }

    public Builder newParticipants(long n) {
      this.newParticipants = n;
      return this;
    }

    public Builder cumulativeParticipants(long n) {
      this.cumulativeParticipants = n;
      return this;
    }

    public Builder viewsGained(long n) {
      this.viewsGained = n;
      return this;
    }

    public Builder participantGrowth(double growth) {
      this.participantGrowth = growth;
      return this;
    }

    public Builder previousNewParticipants(long n) {
      this.previousNewParticipants = n;
      return this;
    }

    public Builder previousViewsGained(long n) {
      this.previousViewsGained = n;
      return this;
    }

    public Builder windowVolume(long n) {
      this.windowVolume = n;
      return this;
    }

    public Builder share(double share) {
      this.share = share;
      return this;
    }

    public Builder recentNewParticipants(long n) {
      this.recentNewParticipants = n;
      return this;
    }

    public Builder recentShare(double share) {
      this.recentShare = share;
      return this;
    }

    public Builder previousRecentShare(double share) {
      this.previousRecentShare = share;
      return this;
    }

    public Builder baselineShare(double share) {
      this.baselineShare = share;
      return this;
    }

    public Builder expectedNewParticipants(double n) {
      this.expectedNewParticipants = n;
      return this;
    }

    public Builder lift(double lift) {
      this.lift = lift;
      return this;
    }

    public Builder score(double score) {
      this.score = score;
      return this;
    }

    public Builder previousShare(double share) {
      this.previousShare = share;
      return this;
    }

    public Builder peakScore(double score) {
      this.peakScore = score;
      return this;
    }

    public Builder peakRecentShare(double share) {
      this.peakRecentShare = share;
      return this;
    }

    public Builder firstSeen(Instant at) {
      this.firstSeen = at;
      return this;
    }

    public Builder sampleVideos(String... videoIds) {
      this.sampleVideos = videoIds;
      return this;
    }

    public Builder earliestParticipants(String... authorIds) {
      this.earliestParticipants = authorIds;
      return this;
    }

    public WindowStats build() {
      return new WindowStats(kind, tag, start, end,
          new WindowStats.Counts(newPosts, participants, newParticipants, cumulativeParticipants,
              viewsGained, participantGrowth, previousNewParticipants, previousViewsGained),
          new WindowStats.Trend(windowVolume, share, recentNewParticipants, recentShare,
              baselineShare, expectedNewParticipants, lift, score, previousShare,
              previousRecentShare, peakScore, peakRecentShare),
          firstSeen, sampleVideos, earliestParticipants);
    }
  }
}
