package dev.signalbox.benchmarks.jmh;

import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import java.util.SplittableRandom;

/**
 * The requests the benchmarks work on: shaped like {@code signalbox telemetrygen traces} sends them
 * (so the JMH numbers and the end-to-end numbers describe the same data): one resource with
 * {@code service.name}, one scope, spans in traces of five (SERVER root and children) with random
 * ids, times, one of five names, status OK (ERROR for one in 50), an int attribute {@code seq}
 * unique per span, and {@code attributes} string attributes {@code attr.0 ..} of 16 random
 * characters, whose values repeat from span to span (as telemetrygen's do).
 */
public final class BenchData {
  private static final String[] NAMES = {"GET /api/orders", "SELECT orders", "GET inventory", "render",
      "publish order.viewed"};
  private static final SpanKind[] KINDS = {SpanKind.SERVER, SpanKind.CLIENT, SpanKind.CLIENT, SpanKind.INTERNAL,
      SpanKind.PRODUCER};

  private BenchData() {}

  /** A decoded batch of {@code spans} spans with {@code attributes} extra attributes each. */
  public static Traces traces(int spans, int attributes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] keys = new String[attributes];
    String[] values = new String[attributes];
    for (int a = 0; a < attributes; a++) {
      keys[a] = "attr." + a;
      values[a] = text(random, 16);
    }
    Traces t = new Traces();
    ResourceSpans rs = t.resourceSpans().addNew();
    rs.resource().attributes().put("service.name", "telemetrygen");
    ScopeSpans ss = rs.scopeSpans().addNew();
    ss.scope().setName("signalbox/telemetrygen").setVersion("0.1.0");
    ss.spans().ensureCapacity(spans);
    long now = 1_763_700_000_000_000_000L;
    long traceHigh = 0;
    long traceLow = 0;
    long root = 0;
    for (int i = 0; i < spans; i++) {
      int pos = i % 5;
      Span s = ss.spans().addNew().setName(NAMES[pos]).setKind(KINDS[pos]);
      if (pos == 0) {
        traceHigh = id(random);
        traceLow = id(random);
        root = id(random);
        s.setSpanId(root);
      } else {
        s.setSpanId(id(random)).setParentSpanId(root);
      }
      long duration = 1_000_000L + random.nextLong(9_000_000L);
      s.setTraceId(traceHigh, traceLow).setStartTimeUnixNano(now - duration).setEndTimeUnixNano(now);
      s.setStatus(i % 50 == 0 ? StatusCode.ERROR : StatusCode.OK, i % 50 == 0 ? "simulated failure" : "");
      s.attributes().ensureCapacity(1 + attributes);
      s.attributes().put("seq", (long) i);
      for (int a = 0; a < attributes; a++) {
        s.attributes().put(keys[a], values[a]);
      }
    }
    return t;
  }

  /** The protobuf {@code ExportTraceServiceRequest} of {@link #traces}. */
  public static byte[] proto(int spans, int attributes, long seed) {
    return OtlpProtoCodec.INSTANCE.encode(traces(spans, attributes, seed));
  }

  /** The OTLP/JSON request of {@link #traces}. */
  public static byte[] json(int spans, int attributes, long seed) {
    return OtlpJsonCodec.INSTANCE.encode(traces(spans, attributes, seed));
  }

  private static long id(SplittableRandom r) {
    long v;
    do {
      v = r.nextLong();
    } while (v == 0);
    return v;
  }

  private static String text(SplittableRandom r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = (char) ('a' + r.nextInt(26));
    }
    return new String(c);
  }
}
