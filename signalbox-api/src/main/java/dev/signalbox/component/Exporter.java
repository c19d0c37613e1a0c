package dev.signalbox.component;

import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;

/** The end of a pipeline: delivers data to a backend. One instance serves all its signals. */
public interface Exporter extends Component {
  /** The consumer for {@code signal}, one of the signals the exporter was created for. */
  <T extends Telemetry> Consumer<T> consumer(Signal<T> signal);
}
