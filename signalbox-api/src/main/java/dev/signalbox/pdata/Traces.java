package dev.signalbox.pdata;

/** A batch of spans: {@code ExportTraceServiceRequest}. */
public final class Traces extends ResourceBatch<ResourceSpans, Traces> {

  public Traces() {
    super(ResourceSpans::new);
  }

  /** A wire-backed batch over an encoded request whose structure the caller's codec has checked. */
  public static Traces fromWire(WireChunk chunk, WireDecoder<Traces> decoder) {
    Traces t = new Traces();
    t.initWire(chunk, decoder);
    return t;
  }

  @Override
  public Signal<Traces> signal() {
    return Signal.TRACES;
  }

  public ElementList<ResourceSpans> resourceSpans() {
    return resources();
  }

  @Override
  Traces self() {
    return this;
  }

  @Override
  Traces newEmpty() {
    return new Traces();
  }

  @Override
  int countItems(ResourceSpans rs) {
    int n = 0;
    for (ScopeSpans ss : rs.scopeSpans()) {
      n += ss.spans().size();
    }
    return n;
  }

  @Override
  ResourceSpans copyResource(ResourceSpans r) {
    return r.copy();
  }

  @Override
  ResourceSpans splitOff(ResourceSpans r, int n) {
    ResourceSpans out = new ResourceSpans();
    out.resource().copyFrom(r.resource());
    out.setSchemaUrl(r.schemaUrl());
    int left = n;
    ElementList<ScopeSpans> scopes = r.scopeSpans();
    while (left > 0) {
      ScopeSpans ss = scopes.get(0);
      int k = ss.spans().size();
      if (k <= left) {
        scopes.remove(0);
        out.scopeSpans().add(ss);
        left -= k;
      } else {
        ScopeSpans part = out.scopeSpans().addNew();
        part.scope().copyFrom(ss.scope());
        part.setSchemaUrl(ss.schemaUrl());
        ss.spans().moveFirstTo(left, part.spans());
        left = 0;
      }
    }
    return out;
  }
}
