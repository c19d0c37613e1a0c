package dev.signalbox.pdata;

/** Spans of one resource, grouped by instrumentation scope. */
public final class ResourceSpans extends Element {
  private final Resource resource = new Resource();
  private final ElementList<ScopeSpans> scopeSpans = new ElementList<>(this, ScopeSpans::new);
  private String schemaUrl = "";

  public Resource resource() {
    return resource;
  }

  public ElementList<ScopeSpans> scopeSpans() {
    return scopeSpans;
  }

  public String schemaUrl() {
    return schemaUrl;
  }

  public ResourceSpans setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    resource.guard = g;
    scopeSpans.adoptAll(g);
  }

  public ResourceSpans copy() {
    ResourceSpans c = new ResourceSpans();
    c.resource.copyFrom(resource);
    c.schemaUrl = schemaUrl;
    c.scopeSpans.ensureCapacity(scopeSpans.size());
    for (ScopeSpans s : scopeSpans) {
      c.scopeSpans.add(s.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceSpans r
        && resource.equals(r.resource)
        && schemaUrl.equals(r.schemaUrl)
        && scopeSpans.equals(r.scopeSpans);
  }

  @Override
  public int hashCode() {
    return resource.hashCode() * 31 + scopeSpans.hashCode();
  }

  @Override
  public String toString() {
    return "ResourceSpans{" + resource + ", " + scopeSpans + "}";
  }
}
