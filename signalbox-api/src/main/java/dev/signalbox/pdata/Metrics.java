package dev.signalbox.pdata;

/** A batch of metrics: {@code ExportMetricsServiceRequest}. Items are data points. */
public final class Metrics extends ResourceBatch<ResourceMetrics, Metrics> {

  public Metrics() {
    super(ResourceMetrics::new);
  }

  public static Metrics fromWire(WireChunk chunk, WireDecoder<Metrics> decoder) {
    Metrics m = new Metrics();
    m.initWire(chunk, decoder);
    return m;
  }

  /** A batch holding {@code chunk} undecoded (see {@link NativeChunk}). */
  public static Metrics fromNative(NativeChunk<Metrics> chunk) {
    Metrics m = new Metrics();
    m.initNative(chunk);
    return m;
  }

  @Override
  public Signal<Metrics> signal() {
    return Signal.METRICS;
  }

  public ElementList<ResourceMetrics> resourceMetrics() {
    return resources();
  }

  /** Metrics (not data points) in this batch; decodes a wire-backed batch. */
  public int metricCount() {
    int n = 0;
    for (ResourceMetrics rm : resources()) {
      for (ScopeMetrics sm : rm.scopeMetrics()) {
        n += sm.metrics().size();
      }
    }
    return n;
  }

  @Override
  Metrics self() {
    return this;
  }

  @Override
  Metrics newEmpty() {
    return new Metrics();
  }

  @Override
  int countItems(ResourceMetrics rm) {
    int n = 0;
    for (ScopeMetrics sm : rm.scopeMetrics()) {
      for (Metric m : sm.metrics()) {
        n += m.dataPointCount();
      }
    }
    return n;
  }

  @Override
  ResourceMetrics copyResource(ResourceMetrics r) {
    return r.copy();
  }

  @Override
  ResourceMetrics splitOff(ResourceMetrics r, int n) {
    ResourceMetrics out = new ResourceMetrics();
    out.resource().copyFrom(r.resource());
    out.setSchemaUrl(r.schemaUrl());
    int left = n;
    ElementList<ScopeMetrics> scopes = r.scopeMetrics();
    while (left > 0) {
      ScopeMetrics sm = scopes.get(0);
      int k = 0;
      for (Metric m : sm.metrics()) {
        k += m.dataPointCount();
      }
      if (k <= left) {
        scopes.remove(0);
        out.scopeMetrics().add(sm);
        left -= k;
        continue;
      }
      ScopeMetrics part = out.scopeMetrics().addNew();
      part.scope().copyFrom(sm.scope());
      part.setSchemaUrl(sm.schemaUrl());
      while (left > 0) {
        Metric m = sm.metrics().get(0);
        int p = m.dataPointCount();
        if (p <= left) {
          part.metrics().add(sm.metrics().remove(0));
          left -= p;
        } else {
          part.metrics().add(m.splitOffPoints(left));
          left = 0;
        }
      }
    }
    return out;
  }
}
