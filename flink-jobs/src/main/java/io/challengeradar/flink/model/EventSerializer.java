package io.challengeradar.flink.model;

import io.challengeradar.core.event.EngagementSnapshot;
import io.challengeradar.core.event.Event;
import io.challengeradar.core.event.Post;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The explicit binary layout of core's events in Flink state and on the wire. Events are
 * immutable, so copies are the same object. Layout version 1: a tag byte (1 post, 2 engagement)
 * then the record's fields in declaration order, nullable fields behind a presence byte.
 */
public final class EventSerializer extends ImmutableTypeSerializer<Event> {
  private static final long serialVersionUID = 1L;

  public static final EventSerializer INSTANCE = new EventSerializer();

  private static final byte POST = 1;
  private static final byte ENGAGEMENT = 2;

  @Override
  public void serialize(Event event, DataOutputView out) throws IOException {
    if (event instanceof Post p) {
      out.writeByte(POST);
      out.writeUTF(p.videoId());
      out.writeUTF(p.authorId());
      out.writeLong(p.createdAt().getEpochSecond());
      out.writeInt(p.createdAt().getNano());
      writeLongString(out, p.caption());
      out.writeInt(p.hashtags().size());
      for (String tag : p.hashtags()) {
        out.writeUTF(tag);
      }
      writeNullable(out, p.musicId());
      out.writeBoolean(p.durationSec() != null);
      if (p.durationSec() != null) {
        out.writeInt(p.durationSec());
      }
      writeNullable(out, p.followerCount());
      writeNullable(out, p.authorHandle());
      writeNullable(out, p.thumbnailUrl());
      writeNullable(out, p.language());
      writeNullable(out, p.region());
    } else {
      EngagementSnapshot s = (EngagementSnapshot) event;
      out.writeByte(ENGAGEMENT);
      out.writeUTF(s.videoId());
      out.writeLong(s.observedAt().getEpochSecond());
      out.writeInt(s.observedAt().getNano());
      out.writeLong(s.views());
      out.writeLong(s.likes());
      out.writeLong(s.comments());
      out.writeLong(s.shares());
      writeNullable(out, s.downloads());
    }
  }

  @Override
  public Event deserialize(DataInputView in) throws IOException {
    byte tag = in.readByte();
    if (tag == POST) {
      String videoId = in.readUTF();
      String authorId = in.readUTF();
      Instant createdAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
      String caption = readLongString(in);
      int tags = in.readInt();
      List<String> hashtags = new ArrayList<>(tags);
      for (int i = 0; i < tags; i++) {
        hashtags.add(in.readUTF());
      }
      String musicId = readNullableString(in);
      Integer duration = in.readBoolean() ? in.readInt() : null;
      return new Post(videoId, authorId, createdAt, caption, hashtags, musicId, duration,
          readNullableLong(in), readNullableString(in), readNullableString(in),
          readNullableString(in), readNullableString(in));
    }
    if (tag == ENGAGEMENT) {
      return new EngagementSnapshot(
          in.readUTF(),
          Instant.ofEpochSecond(in.readLong(), in.readInt()),
          in.readLong(),
          in.readLong(),
          in.readLong(),
          in.readLong(),
          readNullableLong(in));
    }
    throw new IOException("unknown event tag " + tag + " in serialized state");
  }

  @Override
  public TypeSerializerSnapshot<Event> snapshotConfiguration() {
    return new EventSerializerSnapshot();
  }

  /** writeUTF is limited to 64 KiB; captions may be longer. */
  static void writeLongString(DataOutputView out, String s) throws IOException {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readLongString(DataInputView in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  static void writeNullable(DataOutputView out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      writeLongString(out, s);
    }
  }

  static void writeNullable(DataOutputView out, Long v) throws IOException {
    out.writeBoolean(v != null);
    if (v != null) {
      out.writeLong(v);
    }
  }

  static String readNullableString(DataInputView in) throws IOException {
    return in.readBoolean() ? readLongString(in) : null;
  }

  static Long readNullableLong(DataInputView in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }

  /** Snapshot of the layout; a future layout change bumps the version here. */
  public static final class EventSerializerSnapshot extends SimpleTypeSerializerSnapshot<Event> {
    public EventSerializerSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
