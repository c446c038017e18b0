package io.challengeradar.flink.es;

import io.challengeradar.flink.model.ImmutableTypeSerializer;
import io.challengeradar.flink.model.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Layout version 1 of {@link EsOperation} between tasks: every write of the job reaches the sink
 * through a network channel (the sink has several inputs, so nothing chains onto it). Index and
 * id as a length and UTF-8 bytes, the source as a length and bytes, a presence byte then the
 * version, the attempt, when it started retrying. The sink's own checkpointed buffer has its own serializer ({@link
 * EsOperationStateSerializer}).
 */
public final class EsOperationSerializer extends ImmutableTypeSerializer<EsOperation> {
  private static final long serialVersionUID = 1L;

  public static final EsOperationSerializer INSTANCE = new EsOperationSerializer();

  @Override
  public void serialize(EsOperation op, DataOutputView out) throws IOException {
    writeBytes(out, op.index().getBytes(StandardCharsets.UTF_8));
    writeBytes(out, op.id().getBytes(StandardCharsets.UTF_8));
    writeBytes(out, op.source());
    out.writeBoolean(op.version() != null);
    if (op.version() != null) {
      out.writeLong(op.version());
    }
    out.writeInt(op.attempt());
    out.writeLong(op.retryingSince());
  }

  @Override
  public EsOperation deserialize(DataInputView in) throws IOException {
    String index = new String(readBytes(in), StandardCharsets.UTF_8);
    String id = new String(readBytes(in), StandardCharsets.UTF_8);
    byte[] source = readBytes(in);
    Long version = in.readBoolean() ? in.readLong() : null;
    return new EsOperation(index, id, source, version, in.readInt(), in.readLong());
  }

  private static void writeBytes(DataOutputView out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }

  @Override
  public TypeSerializerSnapshot<EsOperation> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EsOperation> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes every {@code TypeInformation.of(EsOperation.class)} answer with this serializer. */
  public static final class Factory extends TypeInfoFactory<EsOperation> {
    @Override
    public TypeInformation<EsOperation> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return SerializerTypeInfo.of(EsOperation.class, INSTANCE);
    }
  }
}
