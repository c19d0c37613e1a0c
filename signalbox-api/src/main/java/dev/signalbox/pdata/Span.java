package dev.signalbox.pdata;

import java.util.Objects;

/** One OTLP span with every field of {@code opentelemetry.proto.trace.v1.Span}. */
public final class Span extends Element {
  private long traceIdHigh;
  private long traceIdLow;
  private long spanId;
  private long parentSpanId;
  private String traceState = "";
  private int flags;
  private String name = "";
  private int kind;
  private long startTimeUnixNano;
  private long endTimeUnixNano;
  private final Attributes attributes = new Attributes(this);
  private int droppedAttributesCount;
  private ElementList<SpanEvent> events;
  private int droppedEventsCount;
  private ElementList<SpanLink> links;
  private int droppedLinksCount;
  private String statusMessage = "";
  private int statusCode;

  public TraceId traceId() {
    return new TraceId(traceIdHigh, traceIdLow);
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public Span setTraceId(TraceId id) {
    return setTraceId(id.high(), id.low());
  }

  public Span setTraceId(long high, long low) {
    checkMutable();
    this.traceIdHigh = high;
    this.traceIdLow = low;
    return this;
  }

  public long spanId() {
    return spanId;
  }

  public Span setSpanId(long spanId) {
    checkMutable();
    this.spanId = spanId;
    return this;
  }

  /** The parent span id; 0 for a root span. */
  public long parentSpanId() {
    return parentSpanId;
  }

  public Span setParentSpanId(long parentSpanId) {
    checkMutable();
    this.parentSpanId = parentSpanId;
    return this;
  }

  public String traceState() {
    return traceState;
  }

  public Span setTraceState(String traceState) {
    checkMutable();
    this.traceState = Objects.requireNonNull(traceState, "traceState");
    return this;
  }

  /** W3C trace flags in the low 8 bits, plus the OTLP is-remote bits (SpanFlags). */
  public int flags() {
    return flags;
  }

  public Span setFlags(int flags) {
    checkMutable();
    this.flags = flags;
    return this;
  }

  public String name() {
    return name;
  }

  public Span setName(String name) {
    checkMutable();
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  public SpanKind kind() {
    return SpanKind.forNumber(kind);
  }

  /** The kind's wire number, kept as received even when it is not a known kind. */
  public int kindNumber() {
    return kind;
  }

  public Span setKind(SpanKind kind) {
    return setKindNumber(kind.number());
  }

  public Span setKindNumber(int kind) {
    checkMutable();
    this.kind = kind;
    return this;
  }

  public long startTimeUnixNano() {
    return startTimeUnixNano;
  }

  public Span setStartTimeUnixNano(long t) {
    checkMutable();
    this.startTimeUnixNano = t;
    return this;
  }

  public long endTimeUnixNano() {
    return endTimeUnixNano;
  }

  public Span setEndTimeUnixNano(long t) {
    checkMutable();
    this.endTimeUnixNano = t;
    return this;
  }

  public Attributes attributes() {
    return attributes;
  }

  public int droppedAttributesCount() {
    return droppedAttributesCount;
  }

  public Span setDroppedAttributesCount(int n) {
    checkMutable();
    this.droppedAttributesCount = n;
    return this;
  }

  public ElementList<SpanEvent> events() {
    if (events == null) {
      events = new ElementList<>(this, SpanEvent::new);
    }
    return events;
  }

  public boolean hasEvents() {
    return events != null && !events.isEmpty();
  }

  public int droppedEventsCount() {
    return droppedEventsCount;
  }

  public Span setDroppedEventsCount(int n) {
    checkMutable();
    this.droppedEventsCount = n;
    return this;
  }

  public ElementList<SpanLink> links() {
    if (links == null) {
      links = new ElementList<>(this, SpanLink::new);
    }
    return links;
  }

  public boolean hasLinks() {
    return links != null && !links.isEmpty();
  }

  public int droppedLinksCount() {
    return droppedLinksCount;
  }

  public Span setDroppedLinksCount(int n) {
    checkMutable();
    this.droppedLinksCount = n;
    return this;
  }

  public StatusCode statusCode() {
    return StatusCode.forNumber(statusCode);
  }

  public int statusCodeNumber() {
    return statusCode;
  }

  public String statusMessage() {
    return statusMessage;
  }

  public Span setStatus(StatusCode code, String message) {
    return setStatus(code.number(), message);
  }

  public Span setStatus(int codeNumber, String message) {
    checkMutable();
    this.statusCode = codeNumber;
    this.statusMessage = Objects.requireNonNull(message, "message");
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    if (events != null) {
      events.adoptAll(g);
    }
    if (links != null) {
      links.adoptAll(g);
    }
  }

  public Span copy() {
    Span c = new Span();
    c.traceIdHigh = traceIdHigh;
    c.traceIdLow = traceIdLow;
    c.spanId = spanId;
    c.parentSpanId = parentSpanId;
    c.traceState = traceState;
    c.flags = flags;
    c.name = name;
    c.kind = kind;
    c.startTimeUnixNano = startTimeUnixNano;
    c.endTimeUnixNano = endTimeUnixNano;
    c.attributes.copyFrom(attributes);
    c.droppedAttributesCount = droppedAttributesCount;
    if (hasEvents()) {
      for (SpanEvent e : events) {
        c.events().add(e.copy());
      }
    }
    c.droppedEventsCount = droppedEventsCount;
    if (hasLinks()) {
      for (SpanLink l : links) {
        c.links().add(l.copy());
      }
    }
    c.droppedLinksCount = droppedLinksCount;
    c.statusCode = statusCode;
    c.statusMessage = statusMessage;
    return c;
  }

  static <E extends Element> boolean listEq(ElementList<E> a, ElementList<E> b) {
    boolean ea = a == null || a.isEmpty();
    boolean eb = b == null || b.isEmpty();
    if (ea || eb) {
      return ea == eb;
    }
    return a.equals(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Span s
        && traceIdHigh == s.traceIdHigh
        && traceIdLow == s.traceIdLow
        && spanId == s.spanId
        && parentSpanId == s.parentSpanId
        && traceState.equals(s.traceState)
        && flags == s.flags
        && name.equals(s.name)
        && kind == s.kind
        && startTimeUnixNano == s.startTimeUnixNano
        && endTimeUnixNano == s.endTimeUnixNano
        && attributes.equals(s.attributes)
        && droppedAttributesCount == s.droppedAttributesCount
        && listEq(events, s.events)
        && droppedEventsCount == s.droppedEventsCount
        && listEq(links, s.links)
        && droppedLinksCount == s.droppedLinksCount
        && statusCode == s.statusCode
        && statusMessage.equals(s.statusMessage);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(spanId) * 31 + Long.hashCode(traceIdLow);
  }

  @Override
  public String toString() {
    return "Span{" + name + " trace=" + traceId() + " span=" + Ids.hex16(spanId)
        + (parentSpanId != 0 ? " parent=" + Ids.hex16(parentSpanId) : "")
        + " kind=" + kind() + " attrs=" + attributes + "}";
  }
}
