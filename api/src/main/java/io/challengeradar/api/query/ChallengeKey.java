package io.challengeradar.api.query;

import io.challengeradar.api.BadRequestException;
import io.challengeradar.contract.TagKind;
import io.challengeradar.core.event.Hashtags;

/**
 * A challenge: a hashtag or a sound. Its id {@code <kind>:<tag>} is the id of its radar-hashtags
 * document and the {@code challenge} field of radar-participation.
 */
public record ChallengeKey(TagKind kind, String tag) {

  /**
   * From the path's segments. Hashtags are normalised as the pipeline does ("#MilkCrate" finds
   * "milkcrate"); sound ids are taken as they are.
   */
  public static ChallengeKey parse(String kind, String tag) {
    TagKind k = parseKind("kind", kind);
    String t = k == TagKind.HASHTAG ? Hashtags.normalise(tag) : tag.strip();
    if (t.isEmpty()) {
      throw new BadRequestException("tag", "must not be blank");
    }
    return new ChallengeKey(k, t);
  }

  /** A kind by its wire name; {@code field} names the parameter in the error. */
  public static TagKind parseKind(String field, String value) {
    return TagKind.fromWire(value).orElseThrow(() ->
        new BadRequestException(field, "must be hashtag or sound, was '" + value + "'"));
  }

  public String id() {
    return kind.wire() + ":" + tag;
  }

  @Override
  public String toString() {
    return id();
  }
}
