package io.challengeradar.flink.es;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Buffered writes in checkpoints. Version 1: index, id, source, optional version, attempt. */
public final class EsOperationStateSerializer extends AsyncSinkWriterStateSerializer<EsOperation> {
  public static final int VERSION = 1;

  @Override
  protected void serializeRequestToStream(EsOperation op, DataOutputStream out) throws IOException {
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
  protected EsOperation deserializeRequestFromStream(long requestSize, DataInputStream in)
      throws IOException {
    String index = in.readUTF();
    String id = in.readUTF();
    byte[] source = new byte[in.readInt()];
    in.readFully(source);
    Long version = in.readBoolean() ? in.readLong() : null;
    return new EsOperation(index, id, source, version, in.readInt());
  }

  @Override
  public int getVersion() {
    return VERSION;
  }
}
