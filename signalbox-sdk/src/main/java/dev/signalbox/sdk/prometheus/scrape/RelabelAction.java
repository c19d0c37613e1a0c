package dev.signalbox.sdk.prometheus.scrape;

/** The relabeling actions of Prometheus 2.42; YAML values are the lower-case names. */
public enum RelabelAction {
  /** Sets {@code target_label} to the expanded {@code replacement} when {@code regex} matches. */
  REPLACE,
  /** Drops the series or target unless {@code regex} matches the joined source values. */
  KEEP,
  /** Drops the series or target when {@code regex} matches the joined source values. */
  DROP,
  /** Sets {@code target_label} to the MD5 of the joined source values modulo {@code modulus}. */
  HASHMOD,
  /** Copies every label whose name matches {@code regex} to the expanded {@code replacement}. */
  LABELMAP,
  /** Removes the labels whose name matches {@code regex}. */
  LABELDROP,
  /** Removes the labels whose name does not match {@code regex}. */
  LABELKEEP,
  /** Sets {@code target_label} to the joined source values in lower case. */
  LOWERCASE,
  /** Sets {@code target_label} to the joined source values in upper case. */
  UPPERCASE,
  /** Drops the series unless the joined source values equal {@code target_label}'s value. */
  KEEPEQUAL,
  /** Drops the series when the joined source values equal {@code target_label}'s value. */
  DROPEQUAL
}
