package dev.signalbox.component;

import dev.signalbox.telemetry.Meter;

/**
 * What the runtime hands a component besides its config: its identity, a meter pre-labelled with
 * the component's id, a status reporter and build information.
 *
 * @param pipelineId the pipeline of a processor; empty for other kinds
 */
public record ComponentSettings(
    ComponentId id, Kind kind, String pipelineId, Meter meter, StatusReporter status, BuildInfo buildInfo) {

  /** Settings for tests and tools: no-op meter and status. */
  public static ComponentSettings forTest(Kind kind, ComponentId id) {
    return new ComponentSettings(id, kind, "", Meter.NOOP, StatusReporter.NOOP, BuildInfo.DEFAULT);
  }

  /** "exporter otlp/2" for log lines. */
  public String describe() {
    return kind.label() + " " + id;
  }
}
