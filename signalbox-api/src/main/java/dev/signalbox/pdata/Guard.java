package dev.signalbox.pdata;

/**
 * The read-only flag of one batch. Every element of a batch points at its root's guard, so marking
 * the root read-only is O(1) and covers the whole tree. Elements not attached to a batch point at
 * {@link #FREE}, which is never read-only.
 */
final class Guard {
  static final Guard FREE = new Guard();

  boolean readOnly;
}
