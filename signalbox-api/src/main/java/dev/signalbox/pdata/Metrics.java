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
}
