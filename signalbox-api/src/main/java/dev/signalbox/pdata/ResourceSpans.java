package dev.signalbox.pdata;

/** Spans of one resource, grouped by instrumentation scope. */
public final class ResourceSpans extends ResourceEntry<ScopeSpans, ResourceSpans> {
  public ResourceSpans() {
    super(ScopeSpans::new);
  }

  public ElementList<ScopeSpans> scopeSpans() {
    return scopes();
  }

  @Override
  ResourceSpans newEmpty() {
    return new ResourceSpans();
  }
}
