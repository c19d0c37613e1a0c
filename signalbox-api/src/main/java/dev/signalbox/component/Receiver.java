package dev.signalbox.component;

/** Brings data into the pipelines: listens on a port, scrapes, tails or consumes. */
public interface Receiver extends Component {}
