package dev.signalbox.component;

import java.util.Map;

/** A read-only view of the latest status of every component and pipeline. */
public interface HealthView {
  /** Latest status per component instance, keyed "kind:id" (e.g. "exporter:otlp/2"). */
  Map<String, StatusEvent> components();

  /** Latest aggregated status per pipeline id (e.g. "traces/in"). */
  Map<String, StatusEvent> pipelines();

  /** The worst status over all pipelines. */
  StatusEvent overall();
}
