package io.challengeradar.flink.es;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.junit.jupiter.api.Test;

class EsOperationStateSerializerTest {

  @Test
  void keepsBufferedWritesAcrossACheckpoint() throws Exception {
    EsOperation versioned = EsOperation.of("radar-videos", "v1",
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 7L).nextAttempt();
    EsOperation plain = EsOperation.of("radar-deadletter", "d1",
        "{}".getBytes(StandardCharsets.UTF_8), null);
    EsOperationStateSerializer serializer = new EsOperationStateSerializer();

    BufferedRequestState<EsOperation> restored = serializer.deserialize(
        serializer.getVersion(),
        serializer.serialize(new BufferedRequestState<>(List.of(
            new RequestEntryWrapper<>(versioned, versioned.sizeInBytes()),
            new RequestEntryWrapper<>(plain, plain.sizeInBytes())))));

    List<EsOperation> ops = restored.getBufferedRequestEntries().stream()
        .map(RequestEntryWrapper::getRequestEntry).toList();
    assertThat(ops).hasSize(2);
    // The retry budget's start is not kept: a restored job gives its writes a fresh budget.
    assertThat(ops.get(0)).usingRecursiveComparison().ignoringFields("retryingSince")
        .isEqualTo(versioned);
    assertThat(versioned.retryingSince()).isPositive();
    assertThat(ops.get(0).retryingSince()).isZero();
    assertThat(ops.get(1)).usingRecursiveComparison().isEqualTo(plain);
  }

  @Test
  void keepsAnIdOverTheSixtyFourKilobytesThatWriteUtfAllows() throws Exception {
    // 30,000 three-byte characters: 90,000 bytes of UTF-8, refused by DataOutput.writeUTF.
    String id = "\u20ac".repeat(30_000);
    EsOperation op = EsOperation.of("radar-videos", id,
        "{}".getBytes(StandardCharsets.UTF_8), 1L);
    EsOperationStateSerializer serializer = new EsOperationStateSerializer();

    BufferedRequestState<EsOperation> restored = serializer.deserialize(
        serializer.getVersion(),
        serializer.serialize(new BufferedRequestState<>(List.of(
            new RequestEntryWrapper<>(op, op.sizeInBytes())))));

    EsOperation back = restored.getBufferedRequestEntries().get(0).getRequestEntry();
    assertThat(back.id()).isEqualTo(id);
    assertThat(back).usingRecursiveComparison().isEqualTo(op);
  }

  @Test
  void refusesStateOfAnUnknownVersion() {
    assertThatThrownBy(() -> new EsOperationStateSerializer().deserialize(99, new byte[0]))
        .isInstanceOf(IOException.class).hasMessageContaining("99");
  }

  @Test
  void stillReadsStateWrittenByVersionOne() throws Exception {
    EsOperation op = EsOperation.of("radar-videos", "v1",
        "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 3L);
    byte[] v1 = new VersionOneWriter().serialize(new BufferedRequestState<>(List.of(
        new RequestEntryWrapper<>(op, op.sizeInBytes()))));

    BufferedRequestState<EsOperation> restored =
        new EsOperationStateSerializer().deserialize(1, v1);

    assertThat(restored.getBufferedRequestEntries().get(0).getRequestEntry())
        .usingRecursiveComparison().isEqualTo(op);
  }

  /** The version-1 layout, as it was written before strings were length-prefixed. */
  private static final class VersionOneWriter extends AsyncSinkWriterStateSerializer<EsOperation> {
    @Override
    protected void serializeRequestToStream(EsOperation op, DataOutputStream out)
        throws IOException {
      out.writeUTF(op.index());
      out.writeUTF(op.id());
      out.writeInt(op.source().length);
      out.write(op.source());
      out.writeBoolean(op.version() != null);
      if (op.version() != null) {
        out.writeLong(op.version());
      }
      out.writeInt(op.attempt());
    }

    @Override
    protected EsOperation deserializeRequestFromStream(long size, DataInputStream in) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int getVersion() {
      return 1;
    }
  }
}
