package dev.signalbox.testing;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Extension;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.Host;
import dev.signalbox.service.graph.StatusAggregator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link Host} for component tests: the extensions you give it and a status aggregator. */
public final class TestHost implements Host {
  private final Map<ComponentId, Extension> extensions = new LinkedHashMap<>();
  private final StatusAggregator statuses = new StatusAggregator(Clock.systemUTC());

  public TestHost with(ComponentId id, Extension extension) {
    extensions.put(id, extension);
    return this;
  }

  @Override
  public Map<ComponentId, Extension> extensions() {
    return extensions;
  }

  @Override
  public HealthView health() {
    return statuses;
  }
}
