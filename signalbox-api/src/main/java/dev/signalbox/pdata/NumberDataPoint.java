package dev.signalbox.pdata;

/** A gauge or sum data point: a double or an integer value, with exemplars. */
public final class NumberDataPoint extends DataPoint<NumberDataPoint> {
  private NumberKind valueKind = NumberKind.NONE;
  private long intValue;
  private double doubleValue;
  private ElementList<Exemplar> exemplars;

  public NumberKind valueKind() {
    return valueKind;
  }

  public double doubleValue() {
    return doubleValue;
  }

  public long intValue() {
    return intValue;
  }

  /** The value as a double, whichever kind it is. */
  public double valueAsDouble() {
    return valueKind == NumberKind.INT ? intValue : doubleValue;
  }

  public NumberDataPoint setDoubleValue(double v) {
    checkMutable();
    valueKind = NumberKind.DOUBLE;
    doubleValue = v;
    intValue = 0;
    return this;
  }

  public NumberDataPoint setIntValue(long v) {
    checkMutable();
    valueKind = NumberKind.INT;
    intValue = v;
    doubleValue = 0;
    return this;
  }

  public NumberDataPoint clearValue() {
    checkMutable();
    valueKind = NumberKind.NONE;
    intValue = 0;
    doubleValue = 0;
    return this;
  }

  public ElementList<Exemplar> exemplars() {
    if (exemplars == null) {
      exemplars = newExemplars(this);
    }
    return exemplars;
  }

  public boolean hasExemplars() {
    return exemplars != null && !exemplars.isEmpty();
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    if (exemplars != null) {
      exemplars.adoptAll(g);
    }
  }

  public NumberDataPoint copy() {
    NumberDataPoint c = new NumberDataPoint();
    copyBaseTo(c);
    c.valueKind = valueKind;
    c.intValue = intValue;
    c.doubleValue = doubleValue;
    if (hasExemplars()) {
      for (Exemplar e : exemplars) {
        c.exemplars().add(e.copy());
      }
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumberDataPoint p
        && baseEquals(p)
        && valueKind == p.valueKind
        && intValue == p.intValue
        && Double.compare(doubleValue, p.doubleValue) == 0
        && Span.listEq(exemplars, p.exemplars);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  @Override
  public String toString() {
    return "Point{" + attributes() + " " + (valueKind == NumberKind.INT ? intValue : doubleValue) + "}";
  }
}
