/**
 * What the {@code kafka} exporter and receiver share, as the Collector's {@code pkg/kafka/configkafka}:
 * the client keys ({@link dev.signalbox.kafka.KafkaClientConfig}: {@code brokers}, {@code client_id},
 * {@code protocol_version}, {@code auth}, {@code metadata}), the per-signal
 * {@link dev.signalbox.kafka.TopicConfig} ({@code topic}, {@code encoding}), the names of the
 * encodings ({@link dev.signalbox.kafka.KafkaEncoding}), and the translation of all that into
 * kafka-clients properties ({@link dev.signalbox.kafka.KafkaClientProperties}), TLS included
 * ({@link dev.signalbox.kafka.KafkaTlsEngineFactory}, which uses the sdk's TLS code so that every
 * {@code tls} key means what it means for our other clients).
 *
 * <p>Not a component: the components are {@code dev.signalbox.exporter.kafka} and
 * {@code dev.signalbox.receiver.kafka}. Internal to this module; the records are public only because
 * the config binder and the component packages need them.
 */
package dev.signalbox.kafka;
