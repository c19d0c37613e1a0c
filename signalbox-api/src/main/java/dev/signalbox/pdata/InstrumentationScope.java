package dev.signalbox.pdata;

/** The instrumentation scope (library) that produced a group of items. */
public final class InstrumentationScope extends Element {
  private String name = "";
  private String version = "";
  private final Attributes attributes = new Attributes(this);
  private int droppedAttributesCount;

  public String name() {
    return name;
  }

  public InstrumentationScope setName(String name) {
    checkMutable();
    this.name = java.util.Objects.requireNonNull(name, "name");
    return this;
  }

  public String version() {
    return version;
  }

  public InstrumentationScope setVersion(String version) {
    checkMutable();
    this.version = java.util.Objects.requireNonNull(version, "version");
    return this;
  }

  public Attributes attributes() {
    return attributes;
  }

  public int droppedAttributesCount() {
    return droppedAttributesCount;
  }

  public InstrumentationScope setDroppedAttributesCount(int count) {
    checkMutable();
    this.droppedAttributesCount = count;
    return this;
  }

  public boolean isEmpty() {
    return name.isEmpty() && version.isEmpty() && attributes.isEmpty() && droppedAttributesCount == 0;
  }

  public void copyFrom(InstrumentationScope other) {
    checkMutable();
    name = other.name;
    version = other.version;
    attributes.copyFrom(other.attributes);
    droppedAttributesCount = other.droppedAttributesCount;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InstrumentationScope s
        && name.equals(s.name)
        && version.equals(s.version)
        && attributes.equals(s.attributes)
        && droppedAttributesCount == s.droppedAttributesCount;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + version.hashCode();
  }

  @Override
  public String toString() {
    return "Scope{" + name + (version.isEmpty() ? "" : "@" + version) + "}";
  }
}
