package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;

/**
 * Spans in traces of {@value #SPANS_PER_TRACE}: a SERVER root and its children (CLIENT,
 * INTERNAL, PRODUCER), with random trace and span ids, a few operation names, durations of 1-10ms
 * ending now, status OK (ERROR for one span in {@value #ERROR_EVERY}), {@code seq} and the extra
 * attributes.
 */
final class SpanBatches extends BatchFactory {
  static final int SPANS_PER_TRACE = 5;
  static final int ERROR_EVERY = 50;
  private static final String[] NAMES = {"GET /api/orders", "SELECT orders", "GET inventory", "render", "publish order.viewed"};
  private static final SpanKind[] KINDS = {SpanKind.SERVER, SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.INTERNAL,
      SpanKind.PRODUCER};
  private static final String ERROR_MESSAGE = "simulated failure";

  private Traces batch;
  private Span[] spans = new Span[0];

  SpanBatches(TelemetrygenOptions options, long seed) {
    super(options, seed);
  }

  @Override
  byte[] encode(long firstSeq, int n, long now) {
    if (spans.length != n) {
      build(n);
    }
    long traceHigh = 0;
    long traceLow = 0;
    long root = 0;
    for (int i = 0; i < n; i++) {
      Span s = spans[i];
      long seq = firstSeq + i;
      int pos = i % SPANS_PER_TRACE;
      long duration = 1_000_000L + random.nextLong(9_000_000L);
      if (pos == 0) {
        traceHigh = nextId();
        traceLow = nextId();
        root = nextId();
        s.setSpanId(root).setParentSpanId(0);
      } else {
        s.setSpanId(nextId()).setParentSpanId(root);
      }
      s.setTraceId(traceHigh, traceLow)
          .setStartTimeUnixNano(now - duration)
          .setEndTimeUnixNano(now);
      if (seq % ERROR_EVERY == 0) {
        s.setStatus(StatusCode.ERROR, ERROR_MESSAGE);
      } else {
        s.setStatus(StatusCode.OK, "");
      }
      s.attributes().put(SEQ, seq);
    }
    return OtlpProtoCodec.INSTANCE.encode(batch);
  }

  private void build(int n) {
    batch = new Traces();
    ResourceSpans rs = batch.resourceSpans().addNew();
    rs.resource().attributes().put("service.name", options.service());
    ScopeSpans ss = rs.scopeSpans().addNew();
    ss.scope().setName(SCOPE_NAME).setVersion(TelemetrygenCommand.version());
    ss.spans().ensureCapacity(n);
    spans = new Span[n];
    for (int i = 0; i < n; i++) {
      int pos = i % SPANS_PER_TRACE;
      Span s = ss.spans().addNew().setName(NAMES[pos]).setKind(KINDS[pos]);
      s.attributes().ensureCapacity(1 + extraKeys.length);
      s.attributes().put(SEQ, AnyValue.of(0L));
      for (int a = 0; a < extraKeys.length; a++) {
        s.attributes().put(extraKeys[a], extraValues[a]);
      }
      spans[i] = s;
    }
  }
}
