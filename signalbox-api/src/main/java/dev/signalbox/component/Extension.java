package dev.signalbox.component;

/** A component outside the data path: health checks, storage, authenticators. */
public interface Extension extends Component {}
