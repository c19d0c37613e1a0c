package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Factory;
import dev.signalbox.component.Kind;
import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.Signal;
import dev.signalbox.service.Registry;
import dev.signalbox.service.config.ConfigNode.Entry;
import dev.signalbox.service.config.ConfigNode.MapNode;
import dev.signalbox.service.config.ConfigNode.NullNode;
import dev.signalbox.service.config.ConfigNode.ScalarNode;
import dev.signalbox.service.config.ServiceYaml.PipelineYaml;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the merged, expanded tree into a {@link ResolvedConfig} following the Collector's layout:
 * binds and validates every component of every section with its factory, binds {@code service}, and
 * checks what ties them together (ids, pipeline references, signals, connectors, unused components,
 * ports). Reports every problem to the {@link Diagnostics}; the caller throws when there are errors.
 */
final class ConfigResolver {
  /** The component sections, in the order the Collector's docs write them. */
  static final List<Kind> SECTIONS = List.of(Kind.RECEIVER, Kind.PROCESSOR, Kind.EXPORTER, Kind.EXTENSION, Kind.CONNECTOR);
  private static final List<String> TOP_LEVEL_KEYS =
      List.of("receivers", "processors", "exporters", "extensions", "connectors", "service");
  private static final String SERVICE = "service";

  private final MapNode root;
  private final Registry registry;
  private final Diagnostics diagnostics;
  private final Binder binder;
  /** Ids written in each section whose id parsed, with the key as written. */
  private final Map<Kind, Map<ComponentId, String>> defined = new EnumMap<>(Kind.class);
  /** Components whose type is known, bound. */
  private final Map<Kind, Map<ComponentId, BoundComponent<?>>> bound = new EnumMap<>(Kind.class);

  ConfigResolver(MapNode root, Registry registry, Diagnostics diagnostics) {
    this.root = root;
    this.registry = registry;
    this.diagnostics = diagnostics;
    this.binder = new Binder(diagnostics);
    for (Kind k : Kind.values()) {
      defined.put(k, new LinkedHashMap<>());
      bound.put(k, new LinkedHashMap<>());
    }
  }

  ResolvedConfig resolve() {
    for (Entry e : root.entries().values()) {
      if (!TOP_LEVEL_KEYS.contains(e.key())) {
        diagnostics.error(e.keyLocation(), e.key(), Binder.unknownKey(e.key(), TOP_LEVEL_KEYS));
      }
    }
    for (Kind kind : SECTIONS) {
      bindSection(kind);
    }
    Entry serviceEntry = root.entry(SERVICE);
    ServiceYaml service = binder.bind(serviceEntry == null ? null : serviceEntry.value(), ServiceYaml.class,
        ServiceYaml.defaults(), SERVICE, serviceEntry == null ? root.location() : serviceEntry.keyLocation());
    BlockWalker.validate(service, SERVICE, root, diagnostics);

    List<ComponentId> serviceExtensions = resolveServiceExtensions(service.extensions());
    Map<PipelineId, PipelineConfig> pipelines = new PipelineChecks().resolve(service.pipelines());
    TelemetrySettings telemetry = service.telemetry().settings();
    warnUnusedExtensions(serviceExtensions);
    checkPorts(pipelines, serviceExtensions, telemetry);
    return new ResolvedConfig(bound, serviceExtensions, pipelines, telemetry, diagnostics.warnings());
  }

  // ---- sections --------------------------------------------------------------------------------

  private void bindSection(Kind kind) {
    String section = kind.section();
    Entry sectionEntry = root.entry(section);
    if (sectionEntry == null || sectionEntry.value() instanceof NullNode) {
      return;
    }
    if (!(sectionEntry.value() instanceof MapNode components)) {
      diagnostics.error(sectionEntry.keyLocation(), section,
          "expected a map of component ids to their configs, got " + sectionEntry.value().describe());
      return;
    }
    for (Entry e : components.entries().values()) {
      String path = KeyPaths.join(section, e.key());
      ComponentId id;
      try {
        id = ComponentId.parse(e.key());
      } catch (IllegalArgumentException ex) {
        diagnostics.error(e.keyLocation(), path, ex.getMessage());
        continue;
      }
      if (defined.get(kind).putIfAbsent(id, e.key()) != null) {
        diagnostics.error(e.keyLocation(), path, kind.label() + " '" + id + "' is defined twice");
        continue;
      }
      Factory<?> factory = registry.get(kind, id.type());
      if (factory == null) {
        // TODO(connectors): the api has no ConnectorFactory yet, so a connectors entry resolves only
        // when a distribution registers a Factory whose kind() is CONNECTOR; its signals are not
        // checked until that factory API exists.
        diagnostics.error(e.keyLocation(), path, unknownType(kind, id.type().name()));
        continue;
      }
      bindComponent(kind, id, factory, e.value(), path, e.keyLocation());
    }
  }

  private <C extends ComponentConfig> void bindComponent(
      Kind kind, ComponentId id, Factory<C> factory, ConfigNode node, String path, Location where) {
    C config = binder.bind(node, factory.configClass(), factory.defaultConfig(), path, where);
    if (config == null) {
      return;
    }
    BlockWalker.validate(config, path, root, diagnostics);
    bound.get(kind).put(id, new BoundComponent<>(id, factory, config));
  }

  private String unknownType(Kind kind, String type) {
    List<String> known = registry.typeNames(kind);
    String hint = Suggestions.didYouMean(type, known);
    String list = known.isEmpty()
        ? "no " + kind.label() + " types are available"
        : "known types: " + String.join(", ", known);
    return "unknown " + kind.section() + " type '" + type + "'" + (hint.isEmpty() ? "; " : hint + " ") + list;
  }

  // ---- service.extensions ----------------------------------------------------------------------

  private List<ComponentId> resolveServiceExtensions(List<String> written) {
    List<ComponentId> out = new ArrayList<>();
    for (int i = 0; i < written.size(); i++) {
      String path = KeyPaths.index("service.extensions", i);
      ComponentId id = parseId(written.get(i), path);
      if (id == null) {
        continue;
      }
      if (!defined.get(Kind.EXTENSION).containsKey(id)) {
        error(path, "extension '" + id + "' is not defined in extensions" + suggestId(id, Kind.EXTENSION));
      } else if (out.contains(id)) {
        error(path, "extension '" + id + "' is listed more than once");
      } else {
        out.add(id);
      }
    }
    return out;
  }

  private void warnUnusedExtensions(List<ComponentId> listed) {
    defined.get(Kind.EXTENSION).forEach((id, key) -> {
      if (bound.get(Kind.EXTENSION).containsKey(id) && !listed.contains(id)) {
        warn(KeyPaths.join("extensions", key), "extension '" + id + "' is defined but not listed in service.extensions");
      }
    });
  }

  // ---- service.pipelines -----------------------------------------------------------------------

  /** Pipeline references, signals, connectors and unused components. */
  private final class PipelineChecks {
    private final Map<Kind, Set<ComponentId>> used = new EnumMap<>(Kind.class);
    /** Where a connector is used: in which pipeline, at which list element. */
    private record Use(String pipeline, String path) {}

    private final Map<ComponentId, List<Use>> connectorAsExporter = new LinkedHashMap<>();
    private final Map<ComponentId, List<Use>> connectorAsReceiver = new LinkedHashMap<>();

    Map<PipelineId, PipelineConfig> resolve(Map<String, PipelineYaml> written) {
      for (Kind k : Kind.values()) {
        used.put(k, new HashSet<>());
      }
      Map<PipelineId, PipelineConfig> out = new LinkedHashMap<>();
      if (written.isEmpty()) {
        error("service.pipelines", "at least one pipeline is required");
      }
      written.forEach((key, p) -> {
        String path = KeyPaths.join("service.pipelines", key);
        PipelineId id;
        try {
          id = PipelineId.parse(key);
        } catch (IllegalArgumentException e) {
          error(path, e.getMessage());
          return;
        }
        List<ComponentId> receivers = refs(id, path, "receivers", p.receivers(), Kind.RECEIVER);
        List<ComponentId> processors = refs(id, path, "processors", p.processors(), Kind.PROCESSOR);
        List<ComponentId> exporters = refs(id, path, "exporters", p.exporters(), Kind.EXPORTER);
        if (p.receivers().isEmpty()) {
          error(KeyPaths.join(path, "receivers"), "a pipeline needs at least one receiver");
        }
        if (p.exporters().isEmpty()) {
          error(KeyPaths.join(path, "exporters"), "a pipeline needs at least one exporter");
        }
        out.put(id, new PipelineConfig(id, receivers, processors, exporters));
      });
      checkConnectors();
      warnUnused(Kind.RECEIVER);
      warnUnused(Kind.PROCESSOR);
      warnUnused(Kind.EXPORTER);
      return out;
    }

    /** Resolves one list of a pipeline; a receiver or exporter may also be a connector. */
    private List<ComponentId> refs(PipelineId pipeline, String pipelinePath, String listKey, List<String> written, Kind kind) {
      List<ComponentId> out = new ArrayList<>();
      String listPath = KeyPaths.join(pipelinePath, listKey);
      boolean connectorAllowed = kind != Kind.PROCESSOR;
      for (int i = 0; i < written.size(); i++) {
        String path = KeyPaths.index(listPath, i);
        ComponentId id = parseId(written.get(i), path);
        if (id == null) {
          continue;
        }
        if (out.contains(id)) {
          error(path, kind.label() + " '" + id + "' is listed more than once in this pipeline");
          continue;
        }
        out.add(id);
        if (defined.get(kind).containsKey(id)) {
          used.get(kind).add(id);
          checkSignal(kind, id, pipeline.signal(), path);
        } else if (connectorAllowed && defined.get(Kind.CONNECTOR).containsKey(id)) {
          used.get(Kind.CONNECTOR).add(id);
          (kind == Kind.EXPORTER ? connectorAsExporter : connectorAsReceiver)
              .computeIfAbsent(id, k -> new ArrayList<>()).add(new Use(pipeline.toString(), path));
        } else {
          error(path, kind.label() + " '" + id + "' is not defined in " + kind.section() + suggestId(id, kind));
        }
      }
      return out;
    }

    private void checkSignal(Kind kind, ComponentId id, Signal<?> signal, String path) {
      BoundComponent<?> component = bound.get(kind).get(id);
      if (component == null) {
        return; // its type is unknown: already reported
      }
      Map<Signal<?>, Stability> signals = switch (component.factory()) {
        case ReceiverFactory<?> f -> f.signals();
        case ProcessorFactory<?> f -> f.signals();
        case ExporterFactory<?> f -> f.signals();
        default -> null;
      };
      if (signals != null && !signals.containsKey(signal)) {
        String supported = Signal.all().stream().filter(signals::containsKey).map(Signal::name)
            .collect(Collectors.joining(", "));
        error(path, kind.label() + " '" + id + "' does not support signal '" + signal + "'"
            + (supported.isEmpty() ? "" : "; it supports: " + supported));
      }
    }

    /** A connector must be an exporter of one pipeline and a receiver of another. */
    private void checkConnectors() {
      for (ComponentId id : defined.get(Kind.CONNECTOR).keySet()) {
        List<Use> asExporter = connectorAsExporter.getOrDefault(id, List.of());
        List<Use> asReceiver = connectorAsReceiver.getOrDefault(id, List.of());
        for (Use exp : asExporter) {
          if (asReceiver.stream().anyMatch(rec -> rec.pipeline().equals(exp.pipeline()))) {
            error(exp.path(), "connector '" + id + "' is both an exporter and a receiver of pipeline '" + exp.pipeline() + "'");
          }
        }
        if (!asExporter.isEmpty() && asReceiver.isEmpty()) {
          error(asExporter.get(0).path(), "connector '" + id + "' is used as an exporter but no pipeline uses it as a receiver");
        } else if (asExporter.isEmpty() && !asReceiver.isEmpty()) {
          error(asReceiver.get(0).path(), "connector '" + id + "' is used as a receiver but no pipeline uses it as an exporter");
        }
      }
      warnUnused(Kind.CONNECTOR);
    }

    private void warnUnused(Kind kind) {
      defined.get(kind).forEach((id, key) -> {
        if (bound.get(kind).containsKey(id) && !used.get(kind).contains(id)) {
          warn(KeyPaths.join(kind.section(), key), kind.label() + " '" + id + "' is defined but not used in any pipeline");
        }
      });
    }
  }

  // ---- ports -----------------------------------------------------------------------------------

  private record Listener(String path, String address, Addresses.HostPort hostPort) {}

  /**
   * Reports two listeners on one port: the receivers used by a pipeline, the extensions listed in
   * {@code service.extensions} and the self-metrics endpoint; both keys get an error.
   */
  private void checkPorts(Map<PipelineId, PipelineConfig> pipelines, List<ComponentId> extensions, TelemetrySettings telemetry) {
    Set<ComponentId> usedReceivers = new HashSet<>();
    pipelines.values().forEach(p -> usedReceivers.addAll(p.receivers()));
    List<Listener> listeners = new ArrayList<>();
    bound.get(Kind.RECEIVER).forEach((id, c) -> {
      if (usedReceivers.contains(id)) {
        addListeners(listeners, c, KeyPaths.join("receivers", defined.get(Kind.RECEIVER).get(id)));
      }
    });
    bound.get(Kind.EXTENSION).forEach((id, c) -> {
      if (extensions.contains(id)) {
        addListeners(listeners, c, KeyPaths.join("extensions", defined.get(Kind.EXTENSION).get(id)));
      }
    });
    if (telemetry.metrics().level() != TelemetrySettings.MetricsLevel.NONE) {
      String address = telemetry.metrics().address();
      String path = KeyPaths.find(root, "service.telemetry.metrics.readers") != null
          ? "service.telemetry.metrics.readers" : "service.telemetry.metrics.address";
      Addresses.HostPort hp = Addresses.parse(address);
      if (hp != null) {
        listeners.add(new Listener(path, address, hp));
      }
    }
    for (int i = 0; i < listeners.size(); i++) {
      for (int j = i + 1; j < listeners.size(); j++) {
        Listener a = listeners.get(i);
        Listener b = listeners.get(j);
        if (Addresses.conflict(a.hostPort(), b.hostPort())) {
          error(a.path(), "address " + a.address() + " conflicts with " + b.address() + " at " + b.path());
          error(b.path(), "address " + b.address() + " conflicts with " + a.address() + " at " + a.path());
        }
      }
    }
  }

  private void addListeners(List<Listener> out, BoundComponent<?> component, String path) {
    for (BlockWalker.Listen l : BlockWalker.listenAddresses(component.config(), path)) {
      Addresses.HostPort hp = Addresses.parse(l.address());
      if (hp != null) {
        out.add(new Listener(keyHolding(l.path(), l.address()), l.address(), hp));
      }
    }
  }

  /** The path of the key under {@code blockPath} whose written value is {@code address}, else {@code blockPath}. */
  private String keyHolding(String blockPath, String address) {
    if (KeyPaths.find(root, blockPath) instanceof MapNode block) {
      for (Entry e : block.entries().values()) {
        if (e.value() instanceof ScalarNode s && s.value().strip().equals(address)) {
          return KeyPaths.join(blockPath, e.key());
        }
      }
    }
    return blockPath;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private ComponentId parseId(String written, String path) {
    try {
      return ComponentId.parse(written);
    } catch (IllegalArgumentException e) {
      error(path, e.getMessage());
      return null;
    }
  }

  private String suggestId(ComponentId id, Kind kind) {
    return Suggestions.didYouMean(id.toString(), defined.get(kind).keySet().stream().map(ComponentId::toString).toList());
  }

  private void error(String path, String message) {
    diagnostics.error(KeyPaths.locate(root, path), path, message);
  }

  private void warn(String path, String message) {
    diagnostics.warn(KeyPaths.locate(root, path), path, message);
  }
}
