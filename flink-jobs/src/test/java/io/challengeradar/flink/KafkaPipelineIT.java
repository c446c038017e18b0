package io.challengeradar.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.Stage;
import io.challengeradar.contract.TagKind;
import io.challengeradar.core.event.Event;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.source.PipelineSources;
import io.challengeradar.infra.testing.ElasticsearchTestServer;
import io.challengeradar.infra.testing.SharedElasticsearch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole job at parallelism 2 from a real broker (both topics, two partitions each) into the
 * real Elasticsearch, bounded at the offsets present when it starts so that it finishes.
 */
@ExtendWith(SharedElasticsearch.class)
class KafkaPipelineIT {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1)
          .setNumberSlotsPerTaskManager(2)
          .build());

  private static TestKafka kafka;

  private final ElasticsearchTestServer es;
  private final EsContents contents;

  KafkaPipelineIT(ElasticsearchTestServer es) {
    this.es = es;
    this.contents = new EsContents(es.client());
  }

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = TestKafka.start();
    kafka.createPipelineTopics(2);
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void challengeScenarioFromKafkaLandsInElasticsearch() throws Exception {
    contents.clear();
    List<String> posts = new ArrayList<>();
    List<String> postKeys = new ArrayList<>();
    List<String> snapshots = new ArrayList<>();
    List<String> snapshotKeys = new ArrayList<>();
    for (Event e : ChallengeScenario.events()) {
      boolean post = ChallengeScenario.isPost(e);
      (post ? posts : snapshots).add(TestEvents.line(e));
      (post ? postKeys : snapshotKeys).add(e.videoId());
    }
    posts.add("{not json");
    postKeys.add("broken");
    snapshots.add("{\"type\":\"engagement\",\"videoId\":\"dance-0-0\",\"observedAt\":"
        + "\"2024-03-01T05:00:00Z\",\"likes\":0,\"comments\":0,\"shares\":0}");
    snapshotKeys.add("dance-0-0");
    List<RecordMetadata> postsAt = kafka.produce(PipelineSources.POSTS_TOPIC, posts, postKeys);
    List<RecordMetadata> snapshotsAt =
        kafka.produce(PipelineSources.ENGAGEMENT_TOPIC, snapshots, snapshotKeys);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    // Four partitions are read in no fixed order against each other, so no event may depend on
    // that order to be on time: the lateness allowed spans the whole scenario.
    ItPipelines.intoElasticsearch(es.url())
        .source(kafka.source("kafka-pipeline-it", true))
        .options(ChallengeScenario.options("lateness.allowed", "1d"))
        .build()
        .execute(env, "kafka-pipeline-it");

    Map<String, ObjectNode> videos = contents.documents(Index.VIDEOS.indexName());
    Map<String, ObjectNode> deadLetters = contents.documents(Index.DEADLETTER.indexName());
    assertThat(videos).hasSize(ChallengeScenario.VIDEOS);
    assertThat(videos.values()).allSatisfy(v -> {
      assertThat(v.get("snapshots").asInt()).isEqualTo(2);
      assertThat(v.get("version").asLong()).isEqualTo(3);
    });
    assertThat(videos.get("dance-3-17").get("views").asLong()).isEqualTo(1_170);
    long applied = videos.values().stream().mapToLong(v -> v.get("version").asLong()).sum();
    assertThat(applied + deadLetters.size()).isEqualTo(posts.size() + snapshots.size());

    assertThat(deadLetters.values()).extracting(d -> d.get("reason").asText())
        .containsOnly(DeadLetter.REASON_INVALID);
    assertThat(deadLetters.values()).extracting(KafkaPipelineIT::originOf).containsExactlyInAnyOrder(
        Origin.kafka(PipelineSources.POSTS_TOPIC, postsAt.get(posts.size() - 1).partition(),
            postsAt.get(posts.size() - 1).offset()),
        Origin.kafka(PipelineSources.ENGAGEMENT_TOPIC,
            snapshotsAt.get(snapshots.size() - 1).partition(),
            snapshotsAt.get(snapshots.size() - 1).offset()));
    assertThat(deadLetters.values()).extracting(d -> d.get("field").asText()).contains("views");

    List<ObjectNode> dance = contents.documents(TagKind.HASHTAG.windowIndex()).values().stream()
        .filter(w -> w.get("tag").asText().equals("dance"))
        .sorted(Comparator.comparing(w -> w.get("windowStart").asText()))
        .toList();
    assertThat(dance.subList(0, ChallengeScenario.HOURS))
        .extracting(w -> w.get("newParticipants").asLong())
        .containsExactly(5L, 8L, 12L, 18L);
    assertThat(dance.get(dance.size() - 1).get("cumulativeParticipants").asLong()).isEqualTo(43);
    assertThat(contents.documents(TagKind.SOUND.windowIndex()).values())
        .extracting(w -> w.get("tag").asText()).containsOnly("m1");

    Map<String, ObjectNode> alerts = contents.documents(Index.ALERTS.indexName());
    String emerging = ChallengeAlert.idFor(TagKind.HASHTAG, "dance", Stage.EMERGING,
        TestEvents.minutes(2 * 60));
    assertThat(alerts).containsKey(emerging);
    assertThat(alerts.get(emerging).get("windows")).hasSize(2);
    assertThat(alerts.values()).extracting(a -> a.get("tag").asText()).doesNotContain("cooking");
    assertThat(contents.documents(Index.HASHTAGS.indexName())).containsKey("hashtag:dance")
        .doesNotContainKey("hashtag:cooking");
  }

  private static Origin originOf(ObjectNode deadLetter) {
    ObjectNode o = (ObjectNode) deadLetter.get("origin");
    return new Origin(o.get("kind").asText(), o.get("name").asText(), o.get("partition").asInt(),
        o.get("position").asLong());
  }
}
