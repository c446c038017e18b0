package io.challengeradar.flink.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.challengeradar.flink.RadarPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.runtime.partitioner.ForwardPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses a network channel in the whole job (enrichment, intelligence, coalesced writes)
 * is written by an explicit serializer, read off the job's own stream graph: every keyed,
 * broadcast or rebalanced edge but the two that carry one record per alert or per ranking round
 * (the assessments to the participation scoring, the local rankings to their merge), which stay
 * on Flink's POJO serializer. A new shuffle of a reflective type fails here.
 */
class ShuffledTypesTest {
  @TempDir Path dir;

  @Test
  void everyShuffledRecordButTheRareOnesHasAnExplicitSerializer() throws Exception {
    Path events = Files.writeString(dir.resolve("events.ndjson"), "");
    RadarPipeline job = RadarPipeline.fromArgs(new String[] {"--files", events.toString(),
        "--es", "http://127.0.0.1:9200", "--set", "serving.url=http://127.0.0.1:8081",
        "--set", "sink.video.coalesce=2s"}, Map.of());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration());
    job.configure(env);
    job.build(env);
    StreamGraph graph = env.getStreamGraph();

    List<String> shuffled = new ArrayList<>();
    List<String> reflective = new ArrayList<>();
    for (StreamNode node : graph.getStreamNodes()) {
      for (StreamEdge edge : node.getOutEdges()) {
        if (edge.getPartitioner() instanceof ForwardPartitioner) {
          continue;
        }
        String name = node.getOperatorName() + " -> "
            + graph.getStreamNode(edge.getTargetId()).getOperatorName();
        shuffled.add(name);
        TypeSerializer<?> serializer = edge.getOutputTag() != null
            ? edge.getOutputTag().getTypeInfo().createSerializer(new SerializerConfigImpl())
            : node.getTypeSerializerOut();
        if (serializer instanceof PojoSerializer || serializer instanceof KryoSerializer) {
          reflective.add(name);
        }
      }
    }

    assertThat(shuffled).contains("cep-emerging -> stage-lifecycle",
        "stage-lifecycle -> challenge-representations", "volume-parts -> window-volumes",
        "window-volumes -> share-surge", "enrich -> pending-enrichments",
        "videos-per-tag -> challenge-representations",
        "videos-per-author -> participation-scoring", "video-authors -> author-histories");
    assertThat(reflective).containsExactlyInAnyOrder(
        "challenge-representations -> participation-scoring",
        "participation-scoring -> participation-merge");
  }
}
