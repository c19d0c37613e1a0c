package dev.signalbox.component;

/**
 * A component id as written in config: {@code type} or {@code type/name}. The name part may
 * contain any character but whitespace, as in the Collector.
 */
public record ComponentId(ComponentType type, String name) implements Comparable<ComponentId> {

  public ComponentId {
    if (name == null) {
      name = "";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isWhitespace(name.charAt(i))) {
        throw new IllegalArgumentException("invalid component name '" + name + "': must not contain whitespace");
      }
    }
  }

  public static ComponentId of(String type) {
    return new ComponentId(ComponentType.of(type), "");
  }

  public static ComponentId of(String type, String name) {
    return new ComponentId(ComponentType.of(type), name);
  }

  /** Parses {@code type[/name]}; throws IllegalArgumentException with a readable message. */
  public static ComponentId parse(String id) {
    String s = id.strip();
    int slash = s.indexOf('/');
    if (slash < 0) {
      return new ComponentId(ComponentType.of(s), "");
    }
    String name = s.substring(slash + 1);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("invalid component id '" + id + "': the name after '/' must not be empty");
    }
    return new ComponentId(ComponentType.of(s.substring(0, slash)), name);
  }

  @Override
  public int compareTo(ComponentId o) {
    int c = type.compareTo(o.type);
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return name.isEmpty() ? type.name() : type.name() + "/" + name;
  }
}
