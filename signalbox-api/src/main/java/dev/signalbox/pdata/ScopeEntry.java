package dev.signalbox.pdata;

import java.util.function.Supplier;

/**
 * The shape shared by {@link ScopeSpans}, {@link ScopeMetrics} and {@link ScopeLogs}: an
 * instrumentation scope, its schema URL and the items it produced.
 *
 * @param <I> the item type
 * @param <S> the concrete type, for {@code copy()} and setter chaining
 */
abstract sealed class ScopeEntry<I extends Element, S extends ScopeEntry<I, S>> extends Element
    permits ScopeSpans, ScopeMetrics, ScopeLogs {
  private final InstrumentationScope scope = new InstrumentationScope();
  private final ElementList<I> items;
  private String schemaUrl = "";

  ScopeEntry(Supplier<I> itemFactory) {
    this.items = new ElementList<>(this, itemFactory);
  }

  abstract S newEmpty();

  abstract I copyItem(I item);

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  public final InstrumentationScope scope() {
    return scope;
  }

  final ElementList<I> items() {
    return items;
  }

  public final String schemaUrl() {
    return schemaUrl;
  }

  public final S setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return self();
  }

  @Override
  final void adopt(Guard g) {
    guard = g;
    scope.guard = g;
    items.adoptAll(g);
  }

  /** A deep copy. */
  public final S copy() {
    S c = newEmpty();
    ScopeEntry<I, S> cc = c;
    cc.scope.copyFrom(scope);
    cc.schemaUrl = schemaUrl;
    cc.items.ensureCapacity(items.size());
    for (I i : items) {
      cc.items.add(copyItem(i));
    }
    return c;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass()
        && scope.equals(((ScopeEntry<?, ?>) o).scope)
        && schemaUrl.equals(((ScopeEntry<?, ?>) o).schemaUrl)
        && items.equals(((ScopeEntry<?, ?>) o).items);
  }

  @Override
  public final int hashCode() {
    return scope.hashCode() * 31 + items.hashCode();
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName() + "{" + scope + ", " + items + "}";
  }
}
