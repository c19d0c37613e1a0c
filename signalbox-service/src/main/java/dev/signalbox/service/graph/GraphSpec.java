package dev.signalbox.service.graph;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Kind;
import dev.signalbox.config.ComponentConfig;
import java.util.List;
import java.util.Map;

/**
 * A validated configuration, ready to build: the bound config of every component by kind and id,
 * the extensions to run in order, and the pipelines.
 */
public record GraphSpec(
    Map<Kind, Map<ComponentId, ComponentConfig>> components,
    List<ComponentId> extensions,
    List<PipelineSpec> pipelines) {

  public GraphSpec {
    components = Map.copyOf(components);
    extensions = List.copyOf(extensions);
    pipelines = List.copyOf(pipelines);
  }

  public ComponentConfig config(Kind kind, ComponentId id) {
    ComponentConfig c = components.getOrDefault(kind, Map.of()).get(id);
    if (c == null) {
      throw new IllegalArgumentException(kind.label() + " '" + id + "' is not configured");
    }
    return c;
  }
}
