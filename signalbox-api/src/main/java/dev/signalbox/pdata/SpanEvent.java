package dev.signalbox.pdata;

import java.util.Objects;

/** A timed event of a span ({@code Span.Event}). */
public final class SpanEvent extends Element {
  private long timeUnixNano;
  private String name = "";
  private final Attributes attributes = new Attributes(this);
  private int droppedAttributesCount;

  public long timeUnixNano() {
    return timeUnixNano;
  }

  public SpanEvent setTimeUnixNano(long t) {
    checkMutable();
    this.timeUnixNano = t;
    return this;
  }

  public String name() {
    return name;
  }

  public SpanEvent setName(String name) {
    checkMutable();
    this.name = Objects.requireNonNull(name, "name");
    return this;
  }

  public Attributes attributes() {
    return attributes;
  }

  public int droppedAttributesCount() {
    return droppedAttributesCount;
  }

  public SpanEvent setDroppedAttributesCount(int n) {
    checkMutable();
    this.droppedAttributesCount = n;
    return this;
  }

  public SpanEvent copy() {
    SpanEvent c = new SpanEvent();
    c.timeUnixNano = timeUnixNano;
    c.name = name;
    c.attributes.copyFrom(attributes);
    c.droppedAttributesCount = droppedAttributesCount;
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpanEvent e
        && timeUnixNano == e.timeUnixNano
        && name.equals(e.name)
        && attributes.equals(e.attributes)
        && droppedAttributesCount == e.droppedAttributesCount;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Long.hashCode(timeUnixNano);
  }

  @Override
  public String toString() {
    return "Event{" + name + " " + attributes + "}";
  }
}
