package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.SeverityNumber;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;

/**
 * Log records with a body and severity from a small set (mostly INFO, some WARN, one ERROR in
 * ten), timestamps of now, a random trace context, {@code seq} and the extra attributes.
 */
final class LogBatches extends BatchFactory {
  private static final String[] BODIES = {
      "user signed in", "order created", "order shipped", "cache refreshed", "request served",
      "payment authorised", "report generated", "retrying upstream call", "slow query detected",
      "payment declined: card expired"};
  private static final SeverityNumber[] SEVERITIES = {
      SeverityNumber.INFO, SeverityNumber.INFO, SeverityNumber.INFO, SeverityNumber.INFO, SeverityNumber.INFO,
      SeverityNumber.INFO, SeverityNumber.INFO, SeverityNumber.WARN, SeverityNumber.WARN, SeverityNumber.ERROR};
  private static final String[] SEVERITY_TEXT = {"INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "WARN",
      "WARN", "ERROR"};
  private static final AnyValue[] BODY_VALUES = new AnyValue[BODIES.length];

  static {
    for (int i = 0; i < BODIES.length; i++) {
      BODY_VALUES[i] = AnyValue.of(BODIES[i]);
    }
  }

  private Logs batch;
  private LogRecord[] records = new LogRecord[0];

  LogBatches(TelemetrygenOptions options, long seed) {
    super(options, seed);
  }

  @Override
  byte[] encode(long firstSeq, int n, long now) {
    if (records.length != n) {
      build(n);
    }
    for (int i = 0; i < n; i++) {
      LogRecord r = records[i];
      long seq = firstSeq + i;
      int kind = (int) (seq % BODIES.length);
      r.setTimeUnixNano(now)
          .setObservedTimeUnixNano(now)
          .setSeverityNumber(SEVERITIES[kind])
          .setSeverityText(SEVERITY_TEXT[kind])
          .setBody(BODY_VALUES[kind])
          .setTraceId(nextId(), nextId())
          .setSpanId(nextId());
      r.attributes().put(SEQ, seq);
    }
    return OtlpProtoCodec.INSTANCE.encode(batch);
  }

  private void build(int n) {
    batch = new Logs();
    ResourceLogs rl = batch.resourceLogs().addNew();
    rl.resource().attributes().put("service.name", options.service());
    ScopeLogs sl = rl.scopeLogs().addNew();
    sl.scope().setName(SCOPE_NAME).setVersion(TelemetrygenCommand.version());
    sl.logRecords().ensureCapacity(n);
    records = new LogRecord[n];
    for (int i = 0; i < n; i++) {
      LogRecord r = sl.logRecords().addNew();
      r.attributes().ensureCapacity(1 + extraKeys.length);
      r.attributes().put(SEQ, AnyValue.of(0L));
      for (int a = 0; a < extraKeys.length; a++) {
        r.attributes().put(extraKeys[a], extraValues[a]);
      }
      records[i] = r;
    }
  }
}
