package dev.signalbox.pdata;

/** A sample measurement tied to a trace, recorded with a data point. */
public final class Exemplar extends Element {
  private final Attributes filteredAttributes = new Attributes(this);
  private long timeUnixNano;
  private NumberKind valueKind = NumberKind.NONE;
  private long intValue;
  private double doubleValue;
  private long spanId;
  private long traceIdHigh;
  private long traceIdLow;

  public Attributes filteredAttributes() {
    return filteredAttributes;
  }

  public long timeUnixNano() {
    return timeUnixNano;
  }

  public Exemplar setTimeUnixNano(long t) {
    checkMutable();
    this.timeUnixNano = t;
    return this;
  }

  public NumberKind valueKind() {
    return valueKind;
  }

  public double doubleValue() {
    return doubleValue;
  }

  public long intValue() {
    return intValue;
  }

  public Exemplar setDoubleValue(double v) {
    checkMutable();
    valueKind = NumberKind.DOUBLE;
    doubleValue = v;
    intValue = 0;
    return this;
  }

  public Exemplar setIntValue(long v) {
    checkMutable();
    valueKind = NumberKind.INT;
    intValue = v;
    doubleValue = 0;
    return this;
  }

  public long spanId() {
    return spanId;
  }

  public Exemplar setSpanId(long spanId) {
    checkMutable();
    this.spanId = spanId;
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

  public Exemplar setTraceId(TraceId id) {
    return setTraceId(id.high(), id.low());
  }

  public Exemplar setTraceId(long high, long low) {
    checkMutable();
    this.traceIdHigh = high;
    this.traceIdLow = low;
    return this;
  }

  public Exemplar copy() {
    Exemplar c = new Exemplar();
    c.filteredAttributes.copyFrom(filteredAttributes);
    c.timeUnixNano = timeUnixNano;
    c.valueKind = valueKind;
    c.intValue = intValue;
    c.doubleValue = doubleValue;
    c.spanId = spanId;
    c.traceIdHigh = traceIdHigh;
    c.traceIdLow = traceIdLow;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Exemplar e
        && filteredAttributes.equals(e.filteredAttributes)
        && timeUnixNano == e.timeUnixNano
        && valueKind == e.valueKind
        && intValue == e.intValue
        && Double.compare(doubleValue, e.doubleValue) == 0
        && spanId == e.spanId
        && traceIdHigh == e.traceIdHigh
        && traceIdLow == e.traceIdLow;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timeUnixNano);
  }

  @Override
  public String toString() {
    return "Exemplar{" + (valueKind == NumberKind.INT ? intValue : doubleValue) + " " + traceId() + "}";
  }
}
