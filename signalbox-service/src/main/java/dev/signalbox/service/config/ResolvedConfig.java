package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Kind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configuration that loaded, bound and validated with no error: what the service builds the
 * pipeline graph from. Immutable; maps keep the order the user wrote.
 *
 * @param components every component defined in config, by kind and id, used or not (the graph
 *     instantiates only receivers, processors, exporters and connectors used by a pipeline and the
 *     extensions listed in {@code service.extensions})
 * @param serviceExtensions {@code service.extensions}, in the order written (the start order)
 * @param pipelines {@code service.pipelines}, by id
 * @param warnings problems that do not stop the service (an unset environment variable, a component
 *     defined but not used), rendered as {@code file:line:col key.path: message}, for the caller to log
 */
public record ResolvedConfig(
    Map<Kind, Map<ComponentId, BoundComponent<?>>> components,
    List<ComponentId> serviceExtensions,
    Map<PipelineId, PipelineConfig> pipelines,
    TelemetrySettings telemetry,
    List<String> warnings) {

  public ResolvedConfig {
    Map<Kind, Map<ComponentId, BoundComponent<?>>> byKind = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      byKind.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(components.getOrDefault(k, Map.of()))));
    }
    components = Collections.unmodifiableMap(byKind);
    serviceExtensions = List.copyOf(serviceExtensions);
    pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
    warnings = List.copyOf(warnings);
  }

  /** The components of one kind defined in config, by id, in the order written. */
  public Map<ComponentId, BoundComponent<?>> components(Kind kind) {
    return components.get(kind);
  }

  /** The component {@code id} of {@code kind}, or null when it is not defined. */
  public BoundComponent<?> component(Kind kind, ComponentId id) {
    return components.get(kind).get(id);
  }
}
