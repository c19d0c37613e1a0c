package dev.signalbox.pdata;

/** Which value field of a number data point or exemplar is set. */
public enum NumberKind {
  NONE, DOUBLE, INT
}
