package dev.signalbox.pdata;

import java.util.Objects;

/** A link from a span to another span ({@code Span.Link}). */
public final class SpanLink extends Element {
  private long traceIdHigh;
  private long traceIdLow;
  private long spanId;
  private String traceState = "";
  private final Attributes attributes = new Attributes(this);
  private int droppedAttributesCount;
  private int flags;

  public TraceId traceId() {
    return new TraceId(traceIdHigh, traceIdLow);
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public SpanLink setTraceId(TraceId id) {
    return setTraceId(id.high(), id.low());
  }

  public SpanLink setTraceId(long high, long low) {
    checkMutable();
    this.traceIdHigh = high;
    this.traceIdLow = low;
    return this;
  }

  public long spanId() {
    return spanId;
  }

  public SpanLink setSpanId(long spanId) {
    checkMutable();
    this.spanId = spanId;
    return this;
  }

  public String traceState() {
    return traceState;
  }

  public SpanLink setTraceState(String traceState) {
    checkMutable();
    this.traceState = Objects.requireNonNull(traceState, "traceState");
    return this;
  }

  public Attributes attributes() {
    return attributes;
  }

  public int droppedAttributesCount() {
    return droppedAttributesCount;
  }

  public SpanLink setDroppedAttributesCount(int n) {
    checkMutable();
    this.droppedAttributesCount = n;
    return this;
  }

  public int flags() {
    return flags;
  }

  public SpanLink setFlags(int flags) {
    checkMutable();
    this.flags = flags;
    return this;
  }

  public SpanLink copy() {
    SpanLink c = new SpanLink();
    c.traceIdHigh = traceIdHigh;
    c.traceIdLow = traceIdLow;
    c.spanId = spanId;
    c.traceState = traceState;
    c.attributes.copyFrom(attributes);
    c.droppedAttributesCount = droppedAttributesCount;
    c.flags = flags;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanLink l
        && traceIdHigh == l.traceIdHigh
        && traceIdLow == l.traceIdLow
        && spanId == l.spanId
        && traceState.equals(l.traceState)
        && attributes.equals(l.attributes)
        && droppedAttributesCount == l.droppedAttributesCount
        && flags == l.flags;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(spanId);
  }

  @Override
  public String toString() {
    return "Link{" + traceId() + "/" + Ids.hex16(spanId) + " " + attributes + "}";
  }
}
