package dev.signalbox.service.graph;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.Capabilities;
import dev.signalbox.component.Component;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentStatus;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Extension;
import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.Host;
import dev.signalbox.component.Kind;
import dev.signalbox.component.Processor;
import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.StatusReporter;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.service.Registry;
import dev.signalbox.telemetry.Meter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipelines: every component instance, wired as the Collector wires them. A receiver
 * is one instance per id feeding all its pipelines (one port, one server); a processor one per
 * (pipeline, id); an exporter one per id serving all its signals; a fan-out where one stage feeds
 * several. Built in reverse topological order so each stage's next consumer exists; started
 * extensions first, then exporters, processors and receivers last; shut down in the opposite
 * order, so every stage drains into a next one that is still running.
 */
public final class Graph implements Host {
  private static final Logger LOG = LoggerFactory.getLogger(Graph.class);

  /** One component instance with its place in the graph. */
  private record Node(Kind kind, ComponentId id, String pipeline, Component component, StatusReporter status) {
    String describe() {
      return kind.label() + " '" + id + "'" + (pipeline.isEmpty() ? "" : " in pipeline '" + pipeline + "'");
    }
  }

  private final StatusAggregator statuses;
  private final Map<ComponentId, Extension> extensions = new LinkedHashMap<>();
  private final List<Node> extensionNodes = new ArrayList<>();
  private final List<Node> exporterNodes = new ArrayList<>();
  private final List<Node> processorNodes = new ArrayList<>(); // pipeline order, first to last
  private final List<Node> receiverNodes = new ArrayList<>();
  private final List<Node> started = new ArrayList<>();
  private boolean shutdown;

  private Graph(StatusAggregator statuses) {
    this.statuses = statuses;
  }

  /** Creates every component of {@code spec}; nothing is started. */
  public static Graph build(GraphSpec spec, Registry registry, Meter meter, StatusAggregator statuses,
      BuildInfo buildInfo) throws GraphException {
    Graph g = new Graph(statuses);
    new Builder(g, spec, registry, meter, buildInfo).build();
    return g;
  }

  private static final class Builder {
    final Graph g;
    final GraphSpec spec;
    final Registry registry;
    final Meter meter;
    final BuildInfo buildInfo;
    final Map<ComponentId, Exporter> exporters = new LinkedHashMap<>();
    final Map<String, Consumer<?>> pipelineEntries = new LinkedHashMap<>();

    Builder(Graph g, GraphSpec spec, Registry registry, Meter meter, BuildInfo buildInfo) {
      this.g = g;
      this.spec = spec;
      this.registry = registry;
      this.meter = meter;
      this.buildInfo = buildInfo;
    }

    ComponentSettings settings(Kind kind, ComponentId id, String pipeline, String statusKey) {
      return new ComponentSettings(id, kind, pipeline, meter.withLabels(kind.label(), id.toString()),
          g.statuses.reporter(statusKey), buildInfo);
    }

    void build() throws GraphException {
      buildExtensions();
      buildExporters();
      for (PipelineSpec p : spec.pipelines()) {
        buildPipeline(p);
      }
      buildReceivers();
      for (PipelineSpec p : spec.pipelines()) {
        List<String> members = new ArrayList<>();
        p.receivers().forEach(id -> members.add("receiver:" + id));
        p.processors().forEach(id -> members.add("processor:" + id + "@" + p.id()));
        p.exporters().forEach(id -> members.add("exporter:" + id));
        g.statuses.definePipeline(p.id(), members);
      }
    }

    void buildExtensions() throws GraphException {
      for (ComponentId id : spec.extensions()) {
        ExtensionFactory<ComponentConfig> f = factory(Kind.EXTENSION, id);
        String key = "extension:" + id;
        ComponentSettings s = settings(Kind.EXTENSION, id, "", key);
        Extension e = create(Kind.EXTENSION, id, () -> f.create(s, spec.config(Kind.EXTENSION, id)));
        g.extensions.put(id, e);
        g.extensionNodes.add(new Node(Kind.EXTENSION, id, "", e, s.status()));
      }
    }

    void buildExporters() throws GraphException {
      Map<ComponentId, Set<Signal<?>>> signals = new LinkedHashMap<>();
      for (PipelineSpec p : spec.pipelines()) {
        for (ComponentId id : p.exporters()) {
          signals.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(p.signal());
        }
      }
      for (var e : signals.entrySet()) {
        ComponentId id = e.getKey();
        ExporterFactory<ComponentConfig> f = factory(Kind.EXPORTER, id);
        ComponentSettings s = settings(Kind.EXPORTER, id, "", "exporter:" + id);
        Set<Signal<?>> sig = Collections.unmodifiableSet(e.getValue());
        Exporter x = create(Kind.EXPORTER, id, () -> f.create(s, spec.config(Kind.EXPORTER, id), sig));
        exporters.put(id, x);
        g.exporterNodes.add(new Node(Kind.EXPORTER, id, "", x, s.status()));
      }
    }

    <T extends Telemetry> void buildPipeline(PipelineSpec p) throws GraphException {
      @SuppressWarnings("unchecked")
      Signal<T> signal = (Signal<T>) p.signal();
      List<Consumer<T>> outs = new ArrayList<>();
      for (ComponentId id : p.exporters()) {
        outs.add(exporters.get(id).consumer(signal));
      }
      Consumer<T> next = FanOut.of(outs);
      boolean mutates = next.capabilities().mutatesData();
      List<Node> nodes = new ArrayList<>();
      List<ComponentId> procs = p.processors();
      for (int i = procs.size() - 1; i >= 0; i--) {
        ComponentId id = procs.get(i);
        ProcessorFactory<ComponentConfig> f = factory(Kind.PROCESSOR, id);
        ComponentSettings s = settings(Kind.PROCESSOR, id, p.id(), "processor:" + id + "@" + p.id());
        Consumer<T> out = ProcessorObserver.outgoing(next, s.meter(), signal.name());
        Processor<T> proc = create(Kind.PROCESSOR, id, () -> f.create(signal, s, spec.config(Kind.PROCESSOR, id), out));
        mutates |= proc.capabilities().mutatesData();
        nodes.add(0, new Node(Kind.PROCESSOR, id, p.id(), proc, s.status()));
        next = ProcessorObserver.incoming(proc, s.meter(), signal.name());
      }
      g.processorNodes.addAll(nodes);
      // native formats: what the first processor (which asks its next consumer) or the exporters handle
      pipelineEntries.put(p.id(), new PipelineEntry<>(next, new Capabilities(mutates,
          next.capabilities().nativeFormats())));
    }

    void buildReceivers() throws GraphException {
      Map<ComponentId, Map<Signal<?>, List<String>>> uses = new LinkedHashMap<>();
      for (PipelineSpec p : spec.pipelines()) {
        for (ComponentId id : p.receivers()) {
          uses.computeIfAbsent(id, k -> new LinkedHashMap<>())
              .computeIfAbsent(p.signal(), k -> new ArrayList<>()).add(p.id());
        }
      }
      for (var e : uses.entrySet()) {
        ComponentId id = e.getKey();
        ReceiverFactory<ComponentConfig> f = factory(Kind.RECEIVER, id);
        ComponentSettings s = settings(Kind.RECEIVER, id, "", "receiver:" + id);
        Consumers.Builder cb = Consumers.builder();
        for (var se : e.getValue().entrySet()) {
          addConsumer(cb, se.getKey(), se.getValue(), s.meter());
        }
        Consumers consumers = cb.build();
        Receiver r = create(Kind.RECEIVER, id, () -> f.create(s, spec.config(Kind.RECEIVER, id), consumers));
        g.receiverNodes.add(new Node(Kind.RECEIVER, id, "", r, s.status()));
      }
    }

    @SuppressWarnings("unchecked")
    <T extends Telemetry> void addConsumer(Consumers.Builder cb, Signal<T> signal, List<String> pipelines, Meter m) {
      List<Consumer<T>> entries = new ArrayList<>();
      for (String p : pipelines) {
        entries.add((Consumer<T>) pipelineEntries.get(p));
      }
      cb.put(signal, new ReceiverObserver<>(signal, m, FanOut.of(entries)));
    }

    @SuppressWarnings("unchecked")
    <F> F factory(Kind kind, ComponentId id) throws GraphException {
      var f = registry.get(kind, id.type());
      if (f == null) {
        throw new GraphException("unknown " + kind.label() + " type '" + id.type() + "'");
      }
      return (F) f;
    }

    interface Creator<X> {
      X create() throws Exception;
    }

    <X> X create(Kind kind, ComponentId id, Creator<X> c) throws GraphException {
      try {
        X x = c.create();
        if (x == null) {
          throw new GraphException("the " + kind.label() + " factory for '" + id + "' returned null");
        }
        return x;
      } catch (GraphException e) {
        throw e;
      } catch (Exception e) {
        throw new GraphException("failed to create " + kind.label() + " '" + id + "': " + e.getMessage(), e);
      }
    }
  }

  /**
   * Starts every component: extensions, exporters, processors (last stage first), receivers. If one
   * fails, the ones already started are shut down and the failure is thrown.
   */
  public synchronized void start() throws GraphException {
    List<Node> order = new ArrayList<>(extensionNodes);
    order.addAll(exporterNodes);
    List<Node> procs = new ArrayList<>(processorNodes);
    Collections.reverse(procs);
    order.addAll(procs);
    order.addAll(receiverNodes);
    for (Node n : order) {
      n.status.report(ComponentStatus.STARTING, null);
      try {
        n.component.start(this);
      } catch (Exception e) {
        n.status.report(ComponentStatus.PERMANENT_ERROR, String.valueOf(e.getMessage()));
        String msg = "failed to start " + n.describe() + ": " + e.getMessage();
        LOG.error(msg);
        shutdown(Deadline.in(java.time.Duration.ofSeconds(10)));
        throw new GraphException(msg, e);
      }
      started.add(n);
      n.status.report(ComponentStatus.OK, null);
      LOG.info("started {}", n.describe());
    }
  }

  /**
   * Shuts down what was started, receivers first so every stage drains into the next; errors are
   * logged and the shutdown goes on. Idempotent.
   */
  public synchronized void shutdown(Deadline deadline) {
    if (shutdown) {
      return;
    }
    shutdown = true;
    List<Node> order = new ArrayList<>(receiverNodes);
    order.addAll(processorNodes);
    order.addAll(exporterNodes);
    List<Node> ext = new ArrayList<>(extensionNodes);
    Collections.reverse(ext);
    order.addAll(ext);
    for (Node n : order) {
      if (!started.contains(n)) {
        continue;
      }
      n.status.report(ComponentStatus.STOPPING, null);
      try {
        n.component.shutdown(deadline);
        n.status.report(ComponentStatus.STOPPED, null);
        LOG.debug("stopped {}", n.describe());
      } catch (Exception e) {
        n.status.report(ComponentStatus.PERMANENT_ERROR, String.valueOf(e.getMessage()));
        LOG.warn("error stopping {}: {}", n.describe(), e.toString());
      }
    }
  }

  @Override
  public Map<ComponentId, Extension> extensions() {
    return Collections.unmodifiableMap(extensions);
  }

  @Override
  public HealthView health() {
    return statuses;
  }
}
