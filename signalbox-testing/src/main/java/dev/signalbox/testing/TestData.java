package dev.signalbox.testing;

import dev.signalbox.pdata.AggregationTemporality;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.SeverityNumber;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Sum;
import dev.signalbox.pdata.Traces;

/** Small, deterministic pdata batches for tests. */
public final class TestData {
  private TestData() {}

  /** {@code spans} spans in one resource and scope, named "span-0".., with a "seq" attribute. */
  public static Traces traces(int spans) {
    return traces("svc", 0, spans);
  }

  /** Spans numbered from {@code firstSeq} with attribute {@code seq}, for sent == received checks. */
  public static Traces traces(String service, long firstSeq, int spans) {
    Traces t = new Traces();
    ResourceSpans rs = t.resourceSpans().addNew();
    rs.resource().attributes().put("service.name", service);
    ScopeSpans ss = rs.scopeSpans().addNew();
    ss.scope().setName("test").setVersion("1.0");
    for (int i = 0; i < spans; i++) {
      long seq = firstSeq + i;
      Span s = ss.spans().addNew()
          .setTraceId(0x0102030405060708L, seq + 1)
          .setSpanId(seq + 1)
          .setName("span-" + seq)
          .setKind(SpanKind.SERVER)
          .setStartTimeUnixNano(1_700_000_000_000_000_000L + seq)
          .setEndTimeUnixNano(1_700_000_000_001_000_000L + seq)
          .setStatus(StatusCode.OK, "");
      s.attributes().put("seq", seq).put("http.method", "GET");
    }
    return t;
  }

  /** {@code records} log records with a "seq" attribute. */
  public static Logs logs(long firstSeq, int records) {
    Logs l = new Logs();
    var rl = l.resourceLogs().addNew();
    rl.resource().attributes().put("service.name", "svc");
    ScopeLogs sl = rl.scopeLogs().addNew();
    sl.scope().setName("test");
    for (int i = 0; i < records; i++) {
      long seq = firstSeq + i;
      sl.logRecords().addNew()
          .setTimeUnixNano(1_700_000_000_000_000_000L + seq)
          .setSeverityNumber(SeverityNumber.INFO)
          .setSeverityText("INFO")
          .setBody("log line " + seq)
          .attributes().put("seq", seq);
    }
    return l;
  }

  /** One cumulative monotonic sum with {@code points} data points, each with a "seq" attribute. */
  public static Metrics metrics(long firstSeq, int points) {
    Metrics m = new Metrics();
    var rm = m.resourceMetrics().addNew();
    rm.resource().attributes().put("service.name", "svc");
    Sum sum = rm.scopeMetrics().addNew().metrics().addNew()
        .setName("requests").setUnit("1").setDescription("requests served")
        .setEmptySum().setMonotonic(true).setAggregationTemporality(AggregationTemporality.CUMULATIVE);
    for (int i = 0; i < points; i++) {
      long seq = firstSeq + i;
      sum.dataPoints().addNew()
          .setStartTimeUnixNano(1_700_000_000_000_000_000L)
          .setTimeUnixNano(1_700_000_000_000_000_000L + seq)
          .setIntValue(seq)
          .attributes().put("seq", seq);
    }
    return m;
  }
}
