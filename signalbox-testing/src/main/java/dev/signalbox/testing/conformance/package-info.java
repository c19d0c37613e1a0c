/**
 * Conformance base classes: every component's test extends the one of its kind, so every
 * component is checked the same way (config class is a record, a test config binds and validates,
 * create/start/shutdown twice, shutdown without start, a consumer per declared signal).
 */
package dev.signalbox.testing.conformance;
