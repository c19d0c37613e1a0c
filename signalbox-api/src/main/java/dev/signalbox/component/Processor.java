package dev.signalbox.component;

import dev.signalbox.pdata.Telemetry;

/** A stage inside one pipeline: consumes, transforms and passes to the next consumer. */
public interface Processor<T extends Telemetry> extends Consumer<T>, Component {}
