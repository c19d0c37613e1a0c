package dev.signalbox.service;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.Kind;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.service.config.BoundComponent;
import dev.signalbox.service.config.PipelineConfig;
import dev.signalbox.service.config.ResolvedConfig;
import dev.signalbox.service.graph.Graph;
import dev.signalbox.service.graph.GraphException;
import dev.signalbox.service.graph.GraphSpec;
import dev.signalbox.service.graph.PipelineSpec;
import dev.signalbox.service.graph.StatusAggregator;
import dev.signalbox.service.telemetry.MetricRegistry;
import dev.signalbox.service.telemetry.ProcessMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running configuration: the pipeline graph plus the self-telemetry it reports to. Created
 * from a {@link ResolvedConfig} (already validated); {@link #start} starts every component,
 * {@link #shutdown} stops them receivers first within a deadline.
 */
public final class Service {
  private static final Logger LOG = LoggerFactory.getLogger(Service.class);

  private final ResolvedConfig config;
  private final MetricRegistry metrics;
  private final StatusAggregator statuses;
  private final Graph graph;
  private final BuildInfo buildInfo;
  private AdminServer admin;

  private Service(ResolvedConfig config, MetricRegistry metrics, StatusAggregator statuses, Graph graph,
      BuildInfo buildInfo) {
    this.config = config;
    this.metrics = metrics;
    this.statuses = statuses;
    this.graph = graph;
    this.buildInfo = buildInfo;
  }

  /** Creates every component used by the configuration; nothing is started yet. */
  public static Service create(ResolvedConfig config, Registry registry, BuildInfo buildInfo) throws GraphException {
    MetricRegistry metrics = new MetricRegistry();
    ProcessMetrics.register(metrics.meter());
    metrics.meter().gauge("otelcol_process_build_info", "Build information of the running process",
        () -> 1, "version", buildInfo.version(), "command", buildInfo.command());
    StatusAggregator statuses = new StatusAggregator(Clock.systemUTC());
    Graph graph = Graph.build(graphSpec(config), registry, metrics.meter(), statuses, buildInfo);
    return new Service(config, metrics, statuses, graph, buildInfo);
  }

  /** The part of the configuration that runs: components used by a pipeline, listed extensions. */
  static GraphSpec graphSpec(ResolvedConfig config) {
    Map<Kind, Map<ComponentId, ComponentConfig>> used = new EnumMap<>(Kind.class);
    List<PipelineSpec> pipelines = new ArrayList<>();
    for (PipelineConfig p : config.pipelines().values()) {
      pipelines.add(new PipelineSpec(p.id().toString(), p.signal(), p.receivers(), p.processors(), p.exporters()));
      addUsed(used, config, Kind.RECEIVER, p.receivers());
      addUsed(used, config, Kind.PROCESSOR, p.processors());
      addUsed(used, config, Kind.EXPORTER, p.exporters());
    }
    addUsed(used, config, Kind.EXTENSION, config.serviceExtensions());
    return new GraphSpec(used, config.serviceExtensions(), pipelines);
  }

  private static void addUsed(Map<Kind, Map<ComponentId, ComponentConfig>> used, ResolvedConfig config, Kind kind,
      List<ComponentId> ids) {
    for (ComponentId id : ids) {
      BoundComponent<?> b = config.component(kind, id);
      if (b != null) {
        used.computeIfAbsent(kind, k -> new LinkedHashMap<>()).put(id, b.config());
      }
    }
  }

  /** Starts the admin endpoint (unless metrics level is none), then every component. */
  public void start() throws GraphException {
    LOG.info("starting {} {} with {} pipelines", buildInfo.description(), buildInfo.version(),
        config.pipelines().size());
    var m = config.telemetry().metrics();
    if (m.level() != dev.signalbox.service.config.TelemetrySettings.MetricsLevel.NONE) {
      try {
        admin = AdminServer.start(m.address(), this);
        LOG.info("serving self-metrics on http://{}/metrics", m.address());
      } catch (java.io.IOException e) {
        throw new GraphException("cannot listen on service.telemetry.metrics.address " + m.address() + ": "
            + e.getMessage(), e);
      }
    }
    try {
      graph.start();
    } catch (GraphException e) {
      closeAdmin();
      throw e;
    }
    LOG.info("everything is ready; begin running and processing data");
  }

  public void shutdown(Duration timeout) {
    LOG.info("shutting down (deadline {})", timeout);
    graph.shutdown(Deadline.in(timeout));
    closeAdmin();
    LOG.info("shutdown complete");
  }

  private void closeAdmin() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
  }

  /** The admin endpoint's port, or -1 when it is off. */
  public int adminPort() {
    return admin == null ? -1 : admin.port();
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  public HealthView health() {
    return statuses;
  }

  public ResolvedConfig config() {
    return config;
  }
}
