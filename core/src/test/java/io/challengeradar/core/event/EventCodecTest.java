package io.challengeradar.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

  private static final Instant NOW = Instant.parse("2021-03-01T12:00:00Z");
  private static final EventCodec CODEC =
      new EventCodec(CodecOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));

  private static final String POST =
      """
      {"type":"post","videoId":"v1","authorId":"a1","createdAt":"2021-03-01T10:00:00Z",\
      "caption":"try it #DuetChallenge","hashtags":["#DuetChallenge","fyp"],"musicId":"m1",\
      "durationSec":15}""";

  @Test
  void decodesPostAndNormalisesHashtags() throws Exception {
    Post post = (Post) CODEC.decode(POST);

    assertThat(post.videoId()).isEqualTo("v1");
    assertThat(post.createdAt()).isEqualTo(Instant.parse("2021-03-01T10:00:00Z"));
    assertThat(post.hashtags()).containsExactly("duetchallenge", "fyp");
    assertThat(post.followerCount()).isNull();
  }

  @Test
  void hashtagsAreNfcNormalised() throws Exception {
    // "é" written as e + combining acute must equal the precomposed form.
    String decomposed = POST.replace("\"fyp\"", "\"Cafe\u0301\"");
    Post post = (Post) CODEC.decode(decomposed);
    assertThat(post.hashtags()).containsExactly("duetchallenge", "caf\u00e9");
  }

  @Test
  void encodeThenDecodeGivesTheSameEvents() throws Exception {
    Post post =
        Post.of("v9", "a9", NOW, "caption \"quoted\"", List.of("dance"), null, null)
            .withFollowerCount(1200L)
            .withAuthorHandle("dancer")
            .withLocale("vi", "VN");
    EngagementSnapshot snap = new EngagementSnapshot("v9", NOW, 10, 2, 1, 0, 3L);

    assertThat(CODEC.decode(CODEC.encode(post))).isEqualTo(post);
    assertThat(CODEC.decode(CODEC.encode(snap))).isEqualTo(snap);
    assertThat(CODEC.encode(snap))
        .isEqualTo(
            "{\"type\":\"engagement\",\"videoId\":\"v9\",\"observedAt\":\"2021-03-01T12:00:00Z\","
                + "\"views\":10,\"likes\":2,\"comments\":1,\"shares\":0,\"downloads\":3}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not json            | {"type":"post",                                       | $
          not an object       | [1,2]                                                 | $
          two values          | {"type":"engagement"} {}                              | $
          unknown type        | {"type":"story","videoId":"v1"}                       | type
          missing type        | {"videoId":"v1"}                                      | type
          missing field       | {"type":"engagement","videoId":"v1","observedAt":"2021-03-01T10:00:00Z","views":1,"likes":1,"comments":1} | shares
          wrong type          | {"type":"engagement","videoId":"v1","observedAt":"2021-03-01T10:00:00Z","views":"1.4M","likes":1,"comments":1,"shares":1} | views
          negative count      | {"type":"engagement","videoId":"v1","observedAt":"2021-03-01T10:00:00Z","views":5,"likes":-1,"comments":1,"shares":1} | likes
          decimal count       | {"type":"engagement","videoId":"v1","observedAt":"2021-03-01T10:00:00Z","views":5.5,"likes":1,"comments":1,"shares":1} | views
          future time         | {"type":"engagement","videoId":"v1","observedAt":"2031-03-01T10:00:00Z","views":5,"likes":1,"comments":1,"shares":1} | observedAt
          damaged date        | {"type":"engagement","videoId":"v1","observedAt":"1970-01-01T00:00:00Z","views":5,"likes":1,"comments":1,"shares":1} | observedAt
          not iso time        | {"type":"engagement","videoId":"v1","observedAt":"01/03/2021","views":5,"likes":1,"comments":1,"shares":1} | observedAt
          unknown field       | {"type":"engagement","videoId":"v1","observedAt":"2021-03-01T10:00:00Z","views":5,"likes":1,"comments":1,"shares":1,"saves":2} | saves
          duplicate field     | {"type":"engagement","videoId":"v1","videoId":"v2"}   | $
          empty id            | {"type":"engagement","videoId":" ","observedAt":"2021-03-01T10:00:00Z","views":5,"likes":1,"comments":1,"shares":1} | videoId
          float-mangled id    | {"type":"engagement","videoId":6.9e18,"observedAt":"2021-03-01T10:00:00Z","views":5,"likes":1,"comments":1,"shares":1} | videoId
          empty hashtag       | {"type":"post","videoId":"v1","authorId":"a1","createdAt":"2021-03-01T10:00:00Z","caption":"","hashtags":["#"],"musicId":null,"durationSec":null} | hashtags[0]
          hashtag not string  | {"type":"post","videoId":"v1","authorId":"a1","createdAt":"2021-03-01T10:00:00Z","caption":"","hashtags":[3],"musicId":null,"durationSec":null} | hashtags[0]
          music missing       | {"type":"post","videoId":"v1","authorId":"a1","createdAt":"2021-03-01T10:00:00Z","caption":"","hashtags":[],"durationSec":null} | musicId
          """)
  void refusesBadInputNamingTheField(String why, String line, String field) {
    assertThatThrownBy(() -> CODEC.decode(line))
        .isInstanceOf(InvalidEventException.class)
        .satisfies(e -> assertThat(((InvalidEventException) e).field()).isEqualTo(field))
        .satisfies(e -> assertThat(((InvalidEventException) e).reason()).isNotBlank());
  }

  @Test
  void refusesCaptionOverTheConfiguredLength() {
    EventCodec strict = new EventCodec(CODEC.options().withMaxCaptionChars(10));
    assertThatThrownBy(() -> strict.decode(POST))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.field()).isEqualTo("caption");
              assertThat(e.reason()).contains("21 characters", "limit of 10");
            });
  }

  @Test
  void refusesAHashtagOverTheByteLimitNamingIt() {
    String line = POST.replace("\"fyp\"", "\"" + "x".repeat(600) + "\"");
    assertThatThrownBy(() -> CODEC.decode(line))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.field()).isEqualTo("hashtags[1]");
              assertThat(e.reason()).isEqualTo("hashtag too long: 600 bytes, over the limit of "
                  + CodecOptions.DEFAULT_MAX_HASHTAG_BYTES);
            });
  }

  @Test
  void countsTheHashtagLimitInUtf8BytesNotCharacters() throws Exception {
    // The euro sign is three bytes: 66 of them fit in 200 bytes, 67 do not.
    String fits = "\u20ac".repeat(CodecOptions.DEFAULT_MAX_HASHTAG_BYTES / 3);
    Post post = (Post) CODEC.decode(POST.replace("\"fyp\"", "\"" + fits + "\""));
    assertThat(post.hashtags()).containsExactly("duetchallenge", fits);

    String over = fits + "\u20ac";
    assertThatThrownBy(() -> CODEC.decode(POST.replace("\"fyp\"", "\"" + over + "\"")))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> assertThat(e.reason()).startsWith("hashtag too long: 201 bytes"));
  }

  @Test
  void refusesAPostWithMoreHashtagsThanTheLimit() throws Exception {
    EventCodec strict = new EventCodec(CODEC.options().withMaxHashtags(2));
    assertThat(((Post) strict.decode(POST)).hashtags()).hasSize(2);
    String three = POST.replace("\"fyp\"", "\"fyp\",\"dance\"");
    assertThatThrownBy(() -> strict.decode(three))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.field()).isEqualTo("hashtags");
              assertThat(e.reason()).isEqualTo("too many hashtags: 3, over the limit of 2");
            });
  }

  @Test
  void refusesTenMegabyteLineWithoutParsingIt() {
    String huge = "{\"type\":\"post\",\"caption\":\"" + "x".repeat(10 << 20) + "\"}";
    assertThatThrownBy(() -> CODEC.decode(huge.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            InvalidEventException.class,
            e -> {
              assertThat(e.field()).isEqualTo("$");
              assertThat(e.reason()).contains("over the limit of 1048576");
            });
  }

  @Test
  void refusesInvalidUtf8() {
    byte[] line = POST.getBytes(StandardCharsets.UTF_8);
    line[60] = (byte) 0xC3; // a lead byte followed by ASCII: malformed
    assertThatThrownBy(() -> CODEC.decode(line))
        .isInstanceOfSatisfying(
            InvalidEventException.class, e -> assertThat(e.reason()).contains("UTF-8"));
  }

  @Test
  void hashtagsInCaptionAreFoundInAnyScript() {
    assertThat(Hashtags.fromCaption("vui quá #ThửThách #fyp #FYP đi"))
        .containsExactly("thửthách", "fyp");
  }
}
