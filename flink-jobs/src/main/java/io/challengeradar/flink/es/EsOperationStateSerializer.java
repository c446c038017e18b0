package io.challengeradar.flink.es;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;

/**
 * Buffered writes in checkpoints. Version 2, per write: index and id as strings, source as an int
 * length and bytes, a boolean then the version when there is one, the attempt as an int. A string
 * is an int byte length and its UTF-8 bytes, so no id can fail a checkpoint (version 1 wrote
 * strings with {@code writeUTF}, which refuses more than 65,535 bytes; its state is still read).
 */
public final class EsOperationStateSerializer extends AsyncSinkWriterStateSerializer<EsOperation> {
  public static final int VERSION = 2;

  @Override
  protected void serializeRequestToStream(EsOperation op, DataOutputStream out) throws IOException {
    writeString(out, op.index());
    writeString(out, op.id());
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
    String index = readString(in);
    String id = readString(in);
    return readRest(index, id, in);
  }

  @Override
  public BufferedRequestState<EsOperation> deserialize(int version, byte[] serialized)
      throws IOException {
    return switch (version) {
      case VERSION -> super.deserialize(version, serialized);
      case 1 -> new Version1().deserialize(version, serialized);
      default -> throw new IOException("unknown sink state version " + version);
    };
  }

  @Override
  public int getVersion() {
    return VERSION;
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException("negative string length " + length + " in sink state");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static EsOperation readRest(String index, String id, DataInputStream in)
      throws IOException {
    byte[] source = new byte[in.readInt()];
    in.readFully(source);
    Long version = in.readBoolean() ? in.readLong() : null;
    return new EsOperation(index, id, source, version, in.readInt());
  }

  /** Reads state written by version 1 (strings by {@code writeUTF}); never writes. */
  private static final class Version1 extends AsyncSinkWriterStateSerializer<EsOperation> {
    @Override
    protected void serializeRequestToStream(EsOperation op, DataOutputStream out) {
      throw new UnsupportedOperationException("version 1 is read only");
    }

    @Override
    protected EsOperation deserializeRequestFromStream(long requestSize, DataInputStream in)
        throws IOException {
      String index = in.readUTF();
      String id = in.readUTF();
      return readRest(index, id, in);
    }

    @Override
    public int getVersion() {
      return 1;
    }
  }
}
