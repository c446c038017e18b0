package io.challengeradar.flink.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link SourcedEventSerializer} instead of falling back to Kryo. */
public final class SourcedEventTypeInfoFactory extends TypeInfoFactory<SourcedEvent> {
  @Override
  public TypeInformation<SourcedEvent> createTypeInfo(
      Type t, Map<String, TypeInformation<?>> genericParameters) {
    return SerializerTypeInfo.of(SourcedEvent.class, SourcedEventSerializer.INSTANCE);
  }
}
