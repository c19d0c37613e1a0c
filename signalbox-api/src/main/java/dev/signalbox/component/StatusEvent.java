package dev.signalbox.component;

import java.time.Instant;

/** One status report: the state, the error message if failing, and when it was reported. */
public record StatusEvent(ComponentStatus status, String error, Instant time) {}
