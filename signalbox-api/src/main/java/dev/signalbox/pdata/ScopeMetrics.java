package dev.signalbox.pdata;

/** Metrics of one instrumentation scope. */
public final class ScopeMetrics extends Element {
  private final InstrumentationScope scope = new InstrumentationScope();
  private final ElementList<Metric> metrics = new ElementList<>(this, Metric::new);
  private String schemaUrl = "";

  public InstrumentationScope scope() {
    return scope;
  }

  public ElementList<Metric> metrics() {
    return metrics;
  }

  public String schemaUrl() {
    return schemaUrl;
  }

  public ScopeMetrics setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    scope.guard = g;
    metrics.adoptAll(g);
  }

  public ScopeMetrics copy() {
    ScopeMetrics c = new ScopeMetrics();
    c.scope.copyFrom(scope);
    c.schemaUrl = schemaUrl;
    c.metrics.ensureCapacity(metrics.size());
    for (Metric s : metrics) {
      c.metrics.add(s.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScopeMetrics s
        && scope.equals(s.scope)
        && schemaUrl.equals(s.schemaUrl)
        && metrics.equals(s.metrics);
  }

  @Override
  public int hashCode() {
    return scope.hashCode() * 31 + metrics.hashCode();
  }

  @Override
  public String toString() {
    return "ScopeMetrics{" + scope + ", " + metrics + "}";
  }
}
