package dev.signalbox.pdata;

/** Metrics of one resource, grouped by instrumentation scope. */
public final class ResourceMetrics extends Element {
  private final Resource resource = new Resource();
  private final ElementList<ScopeMetrics> scopeMetrics = new ElementList<>(this, ScopeMetrics::new);
  private String schemaUrl = "";

  public Resource resource() {
    return resource;
  }

  public ElementList<ScopeMetrics> scopeMetrics() {
    return scopeMetrics;
  }

  public String schemaUrl() {
    return schemaUrl;
  }

  public ResourceMetrics setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    resource.guard = g;
    scopeMetrics.adoptAll(g);
  }

  public ResourceMetrics copy() {
    ResourceMetrics c = new ResourceMetrics();
    c.resource.copyFrom(resource);
    c.schemaUrl = schemaUrl;
    c.scopeMetrics.ensureCapacity(scopeMetrics.size());
    for (ScopeMetrics s : scopeMetrics) {
      c.scopeMetrics.add(s.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceMetrics r
        && resource.equals(r.resource)
        && schemaUrl.equals(r.schemaUrl)
        && scopeMetrics.equals(r.scopeMetrics);
  }

  @Override
  public int hashCode() {
    return resource.hashCode() * 31 + scopeMetrics.hashCode();
  }

  @Override
  public String toString() {
    return "ResourceMetrics{" + resource + ", " + scopeMetrics + "}";
  }
}
