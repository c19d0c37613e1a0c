package dev.signalbox.service.graph;

import dev.signalbox.component.ComponentStatus;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.StatusEvent;
import dev.signalbox.component.StatusReporter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects components' status reports and aggregates them per pipeline: a pipeline's status is
 * the most severe of its components'. Only changes are recorded, so a component reporting OK on
 * every successful send costs a map lookup.
 */
public final class StatusAggregator implements HealthView {
  private final Clock clock;
  private final Map<String, StatusEvent> components = new ConcurrentHashMap<>();
  private final Map<String, List<String>> pipelineMembers = new ConcurrentHashMap<>();

  public StatusAggregator(Clock clock) {
    this.clock = clock;
  }

  /** A reporter for one component instance, keyed "kind:id" (processors "processor:id@pipeline"). */
  public StatusReporter reporter(String key) {
    components.putIfAbsent(key, new StatusEvent(ComponentStatus.STARTING, null, clock.instant()));
    return (status, error) -> {
      StatusEvent prev = components.get(key);
      if (prev == null || prev.status() != status || !Objects.equals(prev.error(), error)) {
        components.put(key, new StatusEvent(status, error, clock.instant()));
      }
    };
  }

  void definePipeline(String pipelineId, List<String> memberKeys) {
    pipelineMembers.put(pipelineId, List.copyOf(memberKeys));
  }

  @Override
  public Map<String, StatusEvent> components() {
    return Map.copyOf(components);
  }

  @Override
  public Map<String, StatusEvent> pipelines() {
    Map<String, StatusEvent> out = new LinkedHashMap<>();
    pipelineMembers.keySet().stream().sorted().forEach(p -> out.put(p, aggregate(pipelineMembers.get(p))));
    return out;
  }

  @Override
  public StatusEvent overall() {
    return aggregate(pipelineMembers.values().stream().flatMap(List::stream).distinct().toList());
  }

  private StatusEvent aggregate(List<String> keys) {
    StatusEvent worst = null;
    for (String k : keys) {
      StatusEvent e = components.get(k);
      if (e != null && (worst == null || severity(e.status()) > severity(worst.status())
          || severity(e.status()) == severity(worst.status()) && e.time().isAfter(worst.time()))) {
        worst = e.error() == null || e.status() == ComponentStatus.OK ? e : new StatusEvent(e.status(), k + ": " + e.error(), e.time());
      }
    }
    return worst != null ? worst : new StatusEvent(ComponentStatus.STARTING, null, clock.instant());
  }

  /** Ordering as the Collector's health aggregation: errors dominate, then transitions, then OK. */
  static int severity(ComponentStatus s) {
    return switch (s) {
      case FATAL_ERROR -> 7;
      case PERMANENT_ERROR -> 6;
      case RECOVERABLE_ERROR -> 5;
      case STOPPING -> 4;
      case STARTING -> 3;
      case STOPPED -> 2;
      case OK -> 1;
    };
  }
}
