package dev.signalbox.pdata;

/** Spans of one instrumentation scope. */
public final class ScopeSpans extends ScopeEntry<Span, ScopeSpans> {
  public ScopeSpans() {
    super(Span::new);
  }

  public ElementList<Span> spans() {
    return items();
  }

  @Override
  ScopeSpans newEmpty() {
    return new ScopeSpans();
  }

  @Override
  Span copyItem(Span item) {
    return item.copy();
  }
}
