package dev.signalbox.pdata;

/** Log records of one resource, grouped by instrumentation scope. */
public final class ResourceLogs extends Element {
  private final Resource resource = new Resource();
  private final ElementList<ScopeLogs> scopeLogs = new ElementList<>(this, ScopeLogs::new);
  private String schemaUrl = "";

  public Resource resource() {
    return resource;
  }

  public ElementList<ScopeLogs> scopeLogs() {
    return scopeLogs;
  }

  public String schemaUrl() {
    return schemaUrl;
  }

  public ResourceLogs setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    resource.guard = g;
    scopeLogs.adoptAll(g);
  }

  public ResourceLogs copy() {
    ResourceLogs c = new ResourceLogs();
    c.resource.copyFrom(resource);
    c.schemaUrl = schemaUrl;
    c.scopeLogs.ensureCapacity(scopeLogs.size());
    for (ScopeLogs s : scopeLogs) {
      c.scopeLogs.add(s.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceLogs r
        && resource.equals(r.resource)
        && schemaUrl.equals(r.schemaUrl)
        && scopeLogs.equals(r.scopeLogs);
  }

  @Override
  public int hashCode() {
    return resource.hashCode() * 31 + scopeLogs.hashCode();
  }

  @Override
  public String toString() {
    return "ResourceLogs{" + resource + ", " + scopeLogs + "}";
  }
}
