package io.challengeradar.flink.es;

import io.challengeradar.flink.PipelineOutputs;
import io.challengeradar.flink.PipelineStreams;
import io.challengeradar.flink.intel.IntelligenceStreams;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoEmbedding;
import io.challengeradar.flink.ops.CoalesceVideoWrites;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Writes every stream of the job into its index through one Elasticsearch sink. */
public final class ElasticsearchOutputs implements PipelineOutputs {
  private final ElasticsearchSinkOptions options;

  public ElasticsearchOutputs(ElasticsearchSinkOptions options) {
    this.options = options;
  }

  @Override
  public void attach(PipelineStreams s) {
    TypeInformation<EsOperation> type = TypeInformation.of(EsOperation.class);
    // With the intelligence on, its assessed alerts and stages carry the same ids as the plain
    // ones and more fields: only they are written, or the last write would decide what stays.
    DataStream<EsOperation> challenges = s.hasIntelligence()
        ? intelligenceWrites(s.intelligence())
        : s.alerts().map(Documents::alert).returns(type).name("alerts-to-documents")
            .union(s.stages().map(Documents::stage).returns(type).name("stages-to-documents"));
    DataStream<EsOperation> writes = coalesced(s.videos()).map(Documents::video).returns(type)
        .name("videos-to-documents")
        .union(
            s.windows().filter(Documents::worthWriting).name("windows-with-activity")
                .map(Documents::window).returns(type).name("windows-to-documents"),
            challenges,
            s.enrichments().filter(VideoEmbedding::in).name("answers-with-embeddings")
                .map(e -> Documents.embedding(VideoEmbedding.of(e))).returns(type)
                .name("embeddings-to-documents"),
            s.deadLetters().map(Documents::deadLetter).returns(type)
                .name("dead-letters-to-documents"));
    writes.sinkTo(new ElasticsearchSink(options)).name("elasticsearch").uid("elasticsearch-sink");
  }

  /** The videos' documents, each video's newest once per coalescing interval when one is set. */
  private DataStream<VideoDocument> coalesced(DataStream<VideoDocument> videos) {
    if (options.videoCoalesce().isZero()) {
      return videos;
    }
    return videos.keyBy(VideoDocument::id, Types.STRING)
        .transform("coalesce-video-writes", TypeInformation.of(VideoDocument.class),
            new CoalesceVideoWrites(options.videoCoalesce().toMillis()))
        .uid("coalesce-video-writes");
  }

  /**
   * Writes the assessed alerts and stages over the plain ones (same ids) and the participation
   * predictions, through a sink of their own.
   */
  @Override
  public void attachIntelligence(IntelligenceStreams s) {
    intelligenceWrites(s).sinkTo(new ElasticsearchSink(options)).name("elasticsearch-intelligence")
        .uid("elasticsearch-intelligence-sink");
  }

  /** The intelligence's writes, for a caller that unions them into its own sink. */
  public static DataStream<EsOperation> intelligenceWrites(IntelligenceStreams s) {
    TypeInformation<EsOperation> type = TypeInformation.of(EsOperation.class);
    return s.alerts().map(Documents::alert).returns(type).name("assessed-alerts-to-documents")
        .union(
            s.stages().map(Documents::stage).returns(type).name("assessed-stages-to-documents"),
            s.participation().map(Documents::participation).returns(type)
                .name("participation-to-documents"));
  }
}
