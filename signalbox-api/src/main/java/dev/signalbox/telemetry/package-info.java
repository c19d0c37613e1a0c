/** Self-telemetry interfaces handed to components; the service implements and exposes them. */
package dev.signalbox.telemetry;
