package dev.signalbox.config;

import java.util.Objects;

/**
 * A config value that must never be shown: tokens, passwords, API keys. {@link #toString()} and
 * every rendering of config print {@code [REDACTED]}; only {@link #reveal()} returns the value.
 */
public final class Secret {
  public static final String REDACTED = "[REDACTED]";
  public static final Secret EMPTY = new Secret("");

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return value.isEmpty() ? EMPTY : new Secret(value);
  }

  /** The secret value, for the code that sends it to a backend. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && value.equals(s.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "" : REDACTED;
  }
}
