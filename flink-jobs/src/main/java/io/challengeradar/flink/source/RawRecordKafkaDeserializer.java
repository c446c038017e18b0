package io.challengeradar.flink.source;

import io.challengeradar.flink.model.Origin;
import io.challengeradar.flink.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes each Kafka record's value through unparsed, with its topic, partition and offset, so that
 * validation happens in one place for every source and a refused record can be found again.
 */
public final class RawRecordKafkaDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
    // A null value (a tombstone) becomes an empty payload, which the codec refuses visibly.
    byte[] value = record.value() == null ? new byte[0] : record.value();
    out.collect(new RawRecord(value, Origin.kafka(record.topic(), record.partition(),
        record.offset())));
  }

  @Override
  public TypeInformation<RawRecord> getProducedType() {
    return TypeInformation.of(RawRecord.class);
  }
}
