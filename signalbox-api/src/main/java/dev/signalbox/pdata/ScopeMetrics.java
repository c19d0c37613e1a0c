package dev.signalbox.pdata;

/** Metrics of one instrumentation scope. */
public final class ScopeMetrics extends ScopeEntry<Metric, ScopeMetrics> {
  public ScopeMetrics() {
    super(Metric::new);
  }

  public ElementList<Metric> metrics() {
    return items();
  }

  @Override
  ScopeMetrics newEmpty() {
    return new ScopeMetrics();
  }

  @Override
  Metric copyItem(Metric item) {
    return item.copy();
  }
}
