/**
 * Contracts between the runtime and components: {@link dev.signalbox.component.Consumer},
 * lifecycle, factories, ids, status. Config records live in {@code dev.signalbox.config};
 * self-metrics in {@code dev.signalbox.telemetry}.
 */
package dev.signalbox.component;
