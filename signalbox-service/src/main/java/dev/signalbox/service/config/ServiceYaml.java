package dev.signalbox.service.config;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.service.config.TelemetrySettings.Logs;
import dev.signalbox.service.config.TelemetrySettings.MetricsLevel;
import java.util.List;
import java.util.Map;

/**
 * The {@code service} section as written, bound with the same {@link Binder} as components (so its
 * keys get the same "did you mean" and type messages). Ids stay strings here: {@link ConfigResolver}
 * parses them so that each bad id is reported at its own list index.
 */
record ServiceYaml(List<String> extensions, Map<String, PipelineYaml> pipelines, TelemetryYaml telemetry) {
  static ServiceYaml defaults() {
    return new ServiceYaml(List.of(), Map.of(), TelemetryYaml.defaults());
  }

  record PipelineYaml(List<String> receivers, List<String> processors, List<String> exporters) {}

  record TelemetryYaml(Logs logs, MetricsYaml metrics, Map<String, String> resource) {
    static TelemetryYaml defaults() {
      return new TelemetryYaml(Logs.defaults(), new MetricsYaml(MetricsLevel.NORMAL, null, List.of()), Map.of());
    }

    TelemetrySettings settings() {
      return new TelemetrySettings(logs, new TelemetrySettings.Metrics(metrics.level(), metrics.effectiveAddress()), resource);
    }
  }

  /** {@code address} is null unless written, so that writing both it and {@code readers} is caught. */
  record MetricsYaml(MetricsLevel level, String address, List<ReaderYaml> readers) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (address != null && !readers.isEmpty()) {
        problems.error("set either address or readers, not both");
      }
      if (address != null && Addresses.parse(address) == null) {
        problems.error("address", "expected host:port such as 127.0.0.1:8888, got '" + address + "'");
      }
      if (readers.size() > 1) {
        problems.error("readers", "only one reader is supported, got " + readers.size());
      }
    }

    String effectiveAddress() {
      if (!readers.isEmpty() && readers.get(0).prometheus() != null) {
        PrometheusYaml p = readers.get(0).prometheus();
        return new Addresses.HostPort(p.host(), p.port() == null ? 0 : p.port()).toString();
      }
      return address != null ? address : TelemetrySettings.DEFAULT_METRICS_ADDRESS;
    }
  }

  /** The Collector's {@code readers: [{pull: {exporter: {prometheus: {host, port}}}}]}; the only form supported. */
  record ReaderYaml(@Presence PullYaml pull) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (pull == null) {
        problems.error("expected a pull reader: {pull: {exporter: {prometheus: {host: ..., port: ...}}}}");
      }
    }

    PrometheusYaml prometheus() {
      return pull == null ? null : pull.exporter().prometheus();
    }
  }

  record PullYaml(PullExporterYaml exporter) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (exporter.prometheus() == null) {
        problems.error("exporter", "expected a prometheus exporter: {prometheus: {host: ..., port: ...}}");
      }
    }
  }

  record PullExporterYaml(@Presence PrometheusYaml prometheus) {}

  record PrometheusYaml(String host, Integer port) implements ConfigBlock {
    static PrometheusYaml defaults() {
      return new PrometheusYaml("127.0.0.1", null);
    }

    @Override
    public void validate(Problems problems) {
      if (port == null) {
        problems.error("port", "is required");
      } else if (port < 0 || port > 65535) {
        problems.error("port", "must be between 0 and 65535");
      }
    }
  }
}
