package dev.signalbox.pdata;

/** Spans of one instrumentation scope. */
public final class ScopeSpans extends Element {
  private final InstrumentationScope scope = new InstrumentationScope();
  private final ElementList<Span> spans = new ElementList<>(this, Span::new);
  private String schemaUrl = "";

  public InstrumentationScope scope() {
    return scope;
  }

  public ElementList<Span> spans() {
    return spans;
  }

  public String schemaUrl() {
    return schemaUrl;
  }

  public ScopeSpans setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    scope.guard = g;
    spans.adoptAll(g);
  }

  public ScopeSpans copy() {
    ScopeSpans c = new ScopeSpans();
    c.scope.copyFrom(scope);
    c.schemaUrl = schemaUrl;
    c.spans.ensureCapacity(spans.size());
    for (Span s : spans) {
      c.spans.add(s.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScopeSpans s
        && scope.equals(s.scope)
        && schemaUrl.equals(s.schemaUrl)
        && spans.equals(s.spans);
  }

  @Override
  public int hashCode() {
    return scope.hashCode() * 31 + spans.hashCode();
  }

  @Override
  public String toString() {
    return "ScopeSpans{" + scope + ", " + spans + "}";
  }
}
