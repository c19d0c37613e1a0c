package dev.signalbox.component;

import java.util.regex.Pattern;

/** A component type as written in config ({@code otlp}, {@code memory_limiter}). */
public record ComponentType(String name) implements Comparable<ComponentType> {
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  public ComponentType {
    if (!VALID.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid component type '" + name
          + "': must start with a lowercase letter and contain only lowercase letters, digits and '_'");
    }
  }

  public static ComponentType of(String name) {
    return new ComponentType(name);
  }

  @Override
  public int compareTo(ComponentType o) {
    return name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
