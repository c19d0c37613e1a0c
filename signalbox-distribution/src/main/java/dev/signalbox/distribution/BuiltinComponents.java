package dev.signalbox.distribution;

import dev.signalbox.exporter.debug.DebugExporterFactory;
import dev.signalbox.exporter.file.FileExporterFactory;
import dev.signalbox.exporter.otlp.OtlpExporterFactory;
import dev.signalbox.exporter.otlphttp.OtlpHttpExporterFactory;
import dev.signalbox.extension.healthcheck.HealthCheckExtensionFactory;
import dev.signalbox.processor.batch.BatchProcessorFactory;
import dev.signalbox.processor.memorylimiter.MemoryLimiterProcessorFactory;
import dev.signalbox.receiver.otlp.OtlpReceiverFactory;
import dev.signalbox.service.Registry;

/** The explicit list of components this distribution offers. */
public final class BuiltinComponents {
  private BuiltinComponents() {}

  public static Registry registry() {
    return Registry.builder()
        // receivers
        .add(new OtlpReceiverFactory())
        .add(new dev.signalbox.receiver.kafka.KafkaReceiverFactory())
        .add(new dev.signalbox.receiver.prometheus.PrometheusReceiverFactory())
        .add(new dev.signalbox.receiver.prometheusremotewrite.PrometheusRemoteWriteReceiverFactory())
        .add(new dev.signalbox.receiver.zipkin.ZipkinReceiverFactory())
        // processors
        .add(new BatchProcessorFactory())
        .add(new MemoryLimiterProcessorFactory())
        // exporters
        .add(new DebugExporterFactory())
        .add(new FileExporterFactory())
        .add(new OtlpExporterFactory())
        .add(new OtlpHttpExporterFactory())
        .add(new dev.signalbox.exporter.kafka.KafkaExporterFactory())
        .add(new dev.signalbox.exporter.influxdb.InfluxDbExporterFactory())
        .add(new dev.signalbox.exporter.prometheus.PrometheusExporterFactory())
        .add(new dev.signalbox.exporter.prometheusremotewrite.PrometheusRemoteWriteExporterFactory())
        .add(new dev.signalbox.exporter.zipkin.ZipkinExporterFactory())
        .add(new dev.signalbox.exporter.elasticsearch.ElasticsearchExporterFactory())
        .add(new dev.signalbox.exporter.loki.LokiExporterFactory())
        .add(new dev.signalbox.exporter.splunkhec.SplunkHecExporterFactory())
        // extensions
        .add(new HealthCheckExtensionFactory())
        .add(new dev.signalbox.extension.filestorage.FileStorageExtensionFactory())
        .build();
  }
}
