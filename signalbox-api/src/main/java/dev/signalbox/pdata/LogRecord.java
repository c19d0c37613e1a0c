package dev.signalbox.pdata;

import java.util.Objects;

/** One OTLP log record with every field of {@code opentelemetry.proto.logs.v1.LogRecord}. */
public final class LogRecord extends Element {
  private long timeUnixNano;
  private long observedTimeUnixNano;
  private int severityNumber;
  private String severityText = "";
  private AnyValue body = AnyValue.empty();
  private final Attributes attributes = new Attributes(this);
  private int droppedAttributesCount;
  private int flags;
  private long traceIdHigh;
  private long traceIdLow;
  private long spanId;
  private String eventName = "";

  public long timeUnixNano() {
    return timeUnixNano;
  }

  public LogRecord setTimeUnixNano(long t) {
    checkMutable();
    this.timeUnixNano = t;
    return this;
  }

  public long observedTimeUnixNano() {
    return observedTimeUnixNano;
  }

  public LogRecord setObservedTimeUnixNano(long t) {
    checkMutable();
    this.observedTimeUnixNano = t;
    return this;
  }

  public SeverityNumber severityNumber() {
    return SeverityNumber.forNumber(severityNumber);
  }

  public int severityNumberValue() {
    return severityNumber;
  }

  public LogRecord setSeverityNumber(SeverityNumber s) {
    return setSeverityNumberValue(s.number());
  }

  public LogRecord setSeverityNumberValue(int n) {
    checkMutable();
    this.severityNumber = n;
    return this;
  }

  public String severityText() {
    return severityText;
  }

  public LogRecord setSeverityText(String text) {
    checkMutable();
    this.severityText = Objects.requireNonNull(text, "text");
    return this;
  }

  /** The body; {@link AnyValue.EmptyValue} when not set. */
  public AnyValue body() {
    return body;
  }

  public LogRecord setBody(AnyValue body) {
    checkMutable();
    this.body = Objects.requireNonNull(body, "body");
    return this;
  }

  public LogRecord setBody(String body) {
    return setBody(AnyValue.of(body));
  }

  public Attributes attributes() {
    return attributes;
  }

  public int droppedAttributesCount() {
    return droppedAttributesCount;
  }

  public LogRecord setDroppedAttributesCount(int n) {
    checkMutable();
    this.droppedAttributesCount = n;
    return this;
  }

  public int flags() {
    return flags;
  }

  public LogRecord setFlags(int flags) {
    checkMutable();
    this.flags = flags;
    return this;
  }

  public TraceId traceId() {
    return new TraceId(traceIdHigh, traceIdLow);
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public LogRecord setTraceId(TraceId id) {
    return setTraceId(id.high(), id.low());
  }

  public LogRecord setTraceId(long high, long low) {
    checkMutable();
    this.traceIdHigh = high;
    this.traceIdLow = low;
    return this;
  }

  public long spanId() {
    return spanId;
  }

  public LogRecord setSpanId(long spanId) {
    checkMutable();
    this.spanId = spanId;
    return this;
  }

  public String eventName() {
    return eventName;
  }

  public LogRecord setEventName(String eventName) {
    checkMutable();
    this.eventName = Objects.requireNonNull(eventName, "eventName");
    return this;
  }

  public LogRecord copy() {
    LogRecord c = new LogRecord();
    c.timeUnixNano = timeUnixNano;
    c.observedTimeUnixNano = observedTimeUnixNano;
    c.severityNumber = severityNumber;
    c.severityText = severityText;
    c.body = body;
    c.attributes.copyFrom(attributes);
    c.droppedAttributesCount = droppedAttributesCount;
    c.flags = flags;
    c.traceIdHigh = traceIdHigh;
    c.traceIdLow = traceIdLow;
    c.spanId = spanId;
    c.eventName = eventName;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogRecord l
        && timeUnixNano == l.timeUnixNano
        && observedTimeUnixNano == l.observedTimeUnixNano
        && severityNumber == l.severityNumber
        && severityText.equals(l.severityText)
        && body.equals(l.body)
        && attributes.equals(l.attributes)
        && droppedAttributesCount == l.droppedAttributesCount
        && flags == l.flags
        && traceIdHigh == l.traceIdHigh
        && traceIdLow == l.traceIdLow
        && spanId == l.spanId
        && eventName.equals(l.eventName);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timeUnixNano) * 31 + body.hashCode();
  }

  @Override
  public String toString() {
    return "LogRecord{" + severityNumber() + " " + body + " " + attributes + "}";
  }
}
