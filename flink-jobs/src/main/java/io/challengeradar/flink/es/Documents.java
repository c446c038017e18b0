package io.challengeradar.flink.es;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.challengeradar.contract.AlertFields;
import io.challengeradar.contract.Index;
import io.challengeradar.flink.model.ChallengeAlert;
import io.challengeradar.flink.model.ChallengeAssessment;
import io.challengeradar.flink.model.DeadLetter;
import io.challengeradar.flink.model.HashtagStage;
import io.challengeradar.flink.model.ParticipationPrediction;
import io.challengeradar.flink.model.VideoDocument;
import io.challengeradar.flink.model.VideoEmbedding;
import io.challengeradar.flink.model.WindowStats;

/**
 * The one place that knows how the pipeline's records look in Elasticsearch: index, id, version
 * and JSON (instants as ISO-8601 strings). Thread-safe.
 */
public final class Documents {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Documents() {}

  public static EsOperation video(VideoDocument d) {
    return EsOperation.of(Index.VIDEOS.indexName(), d.id(), json(d), d.version());
  }

  /**
   * The video's caption vector, written once, when it arrives (unversioned: a replay after a
   * restore writes the same vector again).
   */
  public static EsOperation embedding(VideoEmbedding e) {
    return EsOperation.of(Index.EMBEDDINGS.indexName(), e.id(), json(e), null);
  }

  /**
   * Whether a window gets a document: only if something happened in it (a post, views gained).
   * The idle windows that follow a tag's activity (so that CEP sees it fade) stay in the stream
   * but are not written: half of all windows at hourly windows on the generator (the small sounds
   * go quiet between their videos' snapshots), about a quarter of all the job's writes. A reader
   * takes a missing window as one without activity; the tag's cumulative figures are those of its
   * previous document.
   */
  public static boolean worthWriting(WindowStats w) {
    return w.counts().newPosts() > 0 || w.counts().viewsGained() > 0;
  }

  public static EsOperation window(WindowStats w) {
    return EsOperation.of(w.index(), w.id(), json(w), null);
  }

  /** An alert not (yet) assessed: its representation and risk fields are null. */
  public static EsOperation alert(ChallengeAlert a) {
    return alert(new ChallengeAssessment(a, null, 0, null, null));
  }

  /** An alert with its challenge's representation size and risk (the vector itself is not kept). */
  public static EsOperation alert(ChallengeAssessment a) {
    ObjectNode doc = JSON.valueToTree(a.alert());
    doc.put(AlertFields.REPRESENTATION_VIDEOS, a.representationVideos());
    if (a.risk() == null) {
      doc.putNull(AlertFields.RISK);
    } else {
      doc.put(AlertFields.RISK, a.risk());
    }
    doc.put(AlertFields.NEAREST_HARMFUL, a.nearestHarmful());
    return EsOperation.of(Index.ALERTS.indexName(), a.alert().id(), json(doc), null);
  }

  /** Versioned by the stage's time, so a stage never goes back to an older alert's. */
  public static EsOperation stage(HashtagStage s) {
    return EsOperation.of(Index.HASHTAGS.indexName(), s.id(), json(s), s.since().toEpochMilli());
  }

  /**
   * Versioned by the round's detection time, so an older round's prediction for a user never
   * overwrites a newer round's.
   */
  public static EsOperation participation(ParticipationPrediction p) {
    return EsOperation.of(Index.PARTICIPATION.indexName(), p.id(), json(p),
        p.roundAt().toEpochMilli());
  }

  public static EsOperation deadLetter(DeadLetter d) {
    return EsOperation.of(Index.DEADLETTER.indexName(), d.id(), json(d), null);
  }

  public static byte[] json(Object document) {
    try {
      return JSON.writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write " + document.getClass().getSimpleName() + " as JSON", e);
    }
  }
}
