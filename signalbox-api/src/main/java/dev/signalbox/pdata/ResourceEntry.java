package dev.signalbox.pdata;

import java.util.function.Supplier;

/**
 * The shape shared by {@link ResourceSpans}, {@link ResourceMetrics} and {@link ResourceLogs}: a
 * resource, its schema URL and the scope groups of items it produced.
 *
 * @param <S> the scope group type
 * @param <R> the concrete type, for {@code copy()} and setter chaining
 */
abstract sealed class ResourceEntry<S extends ScopeEntry<?, S>, R extends ResourceEntry<S, R>> extends Element
    permits ResourceSpans, ResourceMetrics, ResourceLogs {
  private final Resource resource = new Resource();
  private final ElementList<S> scopes;
  private String schemaUrl = "";

  ResourceEntry(Supplier<S> scopeFactory) {
    this.scopes = new ElementList<>(this, scopeFactory);
  }

  abstract R newEmpty();

  @SuppressWarnings("unchecked")
  private R self() {
    return (R) this;
  }

  public final Resource resource() {
    return resource;
  }

  final ElementList<S> scopes() {
    return scopes;
  }

  public final String schemaUrl() {
    return schemaUrl;
  }

  public final R setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return self();
  }

  @Override
  final void adopt(Guard g) {
    guard = g;
    resource.guard = g;
    scopes.adoptAll(g);
  }

  /** A deep copy. */
  public final R copy() {
    R c = newEmpty();
    ResourceEntry<S, R> cc = c;
    cc.resource.copyFrom(resource);
    cc.schemaUrl = schemaUrl;
    cc.scopes.ensureCapacity(scopes.size());
    for (S s : scopes) {
      cc.scopes.add(s.copy());
    }
    return c;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && resource.equals(((ResourceEntry<?, ?>) o).resource)
        && schemaUrl.equals(((ResourceEntry<?, ?>) o).schemaUrl)
        && scopes.equals(((ResourceEntry<?, ?>) o).scopes);
  }

  @Override
  public final int hashCode() {
    return resource.hashCode() * 31 + scopes.hashCode();
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{" + resource + ", " + scopes + "}";
  }
}
