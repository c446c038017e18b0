package io.challengeradar.flink.model;

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
 * Layout version 1 of {@link Enrichment}, shuffled from the serving tier's answers to the video
 * join and the intelligence, and kept in their state: the post's fields, then a presence byte and
 * the answer's fields in declaration order (the vector as a length and floats), every nullable
 * value behind a presence byte.
 */
public final class EnrichmentSerializer extends ImmutableTypeSerializer<Enrichment> {
  private static final long serialVersionUID = 1L;

  public static final EnrichmentSerializer INSTANCE = new EnrichmentSerializer();

  @Override
  public void serialize(Enrichment e, DataOutputView out) throws IOException {
    Layout.writeString(out, e.videoId());
    Layout.writeNullable(out, e.authorId());
    Layout.writeNullable(out, e.createdAt());
    Layout.writeNullable(out, e.hashtags());
    Layout.writeNullable(out, e.musicId());
    Enrichment.Answer a = e.answer();
    out.writeBoolean(a != null);
    if (a != null) {
      Layout.writeNullable(out, a.embedding());
      Layout.writeNullable(out, a.embeddingModel());
      Layout.writeNullable(out, a.viralityAtPost());
      Layout.writeNullable(out, a.viralityModel());
      Layout.writeNullable(out, a.viralityHead());
      Layout.writeNullable(out, a.claimProbability());
      Layout.writeNullable(out, a.claimsModel());
      Layout.writeNullable(out, a.enrichedAt());
      Layout.writeNullable(out, a.viralityRatioCut());
    }
  }

  @Override
  public Enrichment deserialize(DataInputView in) throws IOException {
    return new Enrichment(Layout.readString(in), Layout.readNullableString(in),
        Layout.readNullableInstant(in), Layout.readNullableStrings(in),
        Layout.readNullableString(in), in.readBoolean() ? answer(in) : null);
  }

  private static Enrichment.Answer answer(DataInputView in) throws IOException {
    return new Enrichment.Answer(Layout.readNullableFloats(in), Layout.readNullableString(in),
        Layout.readNullableDouble(in), Layout.readNullableString(in),
        Layout.readNullableString(in), Layout.readNullableDouble(in),
        Layout.readNullableString(in), Layout.readNullableInstant(in),
        Layout.readNullableDouble(in));
  }

  @Override
  public TypeSerializerSnapshot<Enrichment> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Enrichment> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(Enrichment.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<Enrichment> {
    @Override
    public TypeInformation<Enrichment> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(Enrichment.class, INSTANCE);
    }
  }
}
