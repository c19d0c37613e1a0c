package dev.signalbox.pdata;

/** Metrics of one resource, grouped by instrumentation scope. */
public final class ResourceMetrics extends ResourceEntry<ScopeMetrics, ResourceMetrics> {
  public ResourceMetrics() {
    super(ScopeMetrics::new);
  }

  public ElementList<ScopeMetrics> scopeMetrics() {
    return scopes();
  }

  @Override
  ResourceMetrics newEmpty() {
    return new ResourceMetrics();
  }
}
