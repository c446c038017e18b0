package io.challengeradar.flink.enrich;

import io.challengeradar.flink.model.EnrichmentSerializer;
import io.challengeradar.flink.model.ImmutableTypeSerializer;
import io.challengeradar.flink.model.SerializerTypeInfo;
import io.challengeradar.flink.model.SourcedEventSerializer;
import io.challengeradar.serving.wire.Wire;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Layout version 1 of {@link EnrichAttempt}, shuffled by video from the async call to the
 * pending retries for every post: the post ({@link SourcedEventSerializer}), a presence byte and
 * the author's history (count, then its four means and spreads in declaration order), the
 * result ({@link EnrichmentSerializer}).
 */
public final class EnrichAttemptSerializer extends ImmutableTypeSerializer<EnrichAttempt> {
  private static final long serialVersionUID = 1L;

  public static final EnrichAttemptSerializer INSTANCE = new EnrichAttemptSerializer();

  @Override
  public void serialize(EnrichAttempt r, DataOutputView out) throws IOException {
    SourcedEventSerializer.INSTANCE.serialize(r.post(), out);
    Wire.AuthorHistory h = r.authorHistory();
    out.writeBoolean(h != null);
    if (h != null) {
      out.writeInt(h.count());
      out.writeDouble(h.meanLogViews());
      out.writeDouble(h.sdLogViews());
      out.writeDouble(h.meanEngagementRate());
      out.writeDouble(h.meanGapHours());
    }
    EnrichmentSerializer.INSTANCE.serialize(r.result(), out);
  }

  @Override
  public EnrichAttempt deserialize(DataInputView in) throws IOException {
    var post = SourcedEventSerializer.INSTANCE.deserialize(in);
    Wire.AuthorHistory history = in.readBoolean()
        ? new Wire.AuthorHistory(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
            in.readDouble())
        : null;
    return new EnrichAttempt(post, history, EnrichmentSerializer.INSTANCE.deserialize(in));
  }

  @Override
  public TypeSerializerSnapshot<EnrichAttempt> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EnrichAttempt> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(EnrichAttempt.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<EnrichAttempt> {
    @Override
    public TypeInformation<EnrichAttempt> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(EnrichAttempt.class, INSTANCE);
    }
  }
}
