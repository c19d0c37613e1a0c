package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** Factory of the {@code elasticsearch} exporter (Elasticsearch and OpenSearch {@code _bulk}). */
public final class ElasticsearchExporterFactory implements ExporterFactory<ElasticsearchExporterConfig> {
  public static final ComponentType TYPE = ComponentType.of("elasticsearch");

  @Override
  public ComponentType type() {
    return TYPE;
  }

  @Override
  public Class<ElasticsearchExporterConfig> configClass() {
    return ElasticsearchExporterConfig.class;
  }

  @Override
  public ElasticsearchExporterConfig defaultConfig() {
    return ElasticsearchExporterConfig.defaults();
  }

  @Override
  public String description() {
    return "Indexes logs and spans into Elasticsearch or OpenSearch (_bulk), retrying only failed documents";
  }

  @Override
  public Map<Signal<?>, Stability> signals() {
    return Map.of(Signal.LOGS, Stability.BETA, Signal.TRACES, Stability.BETA);
  }

  @Override
  public Exporter create(ComponentSettings settings, ElasticsearchExporterConfig config, Set<Signal<?>> signals) {
    return new ElasticsearchExporter(settings, config, signals, Clock.systemUTC(), BulkIndexer.realSleeper());
  }
}
