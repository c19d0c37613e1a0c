package dev.signalbox.pdata;

import java.util.ArrayList;
import java.util.List;

/** The entity producing telemetry: attributes, dropped count and entity references. */
public final class Resource extends Element {
  private final Attributes attributes = new Attributes(this);
  private int droppedAttributesCount;
  private List<EntityRef> entityRefs = List.of();

  public Attributes attributes() {
    return attributes;
  }

  public int droppedAttributesCount() {
    return droppedAttributesCount;
  }

  public Resource setDroppedAttributesCount(int count) {
    checkMutable();
    this.droppedAttributesCount = count;
    return this;
  }

  /** Read-only list of entity references. */
  public List<EntityRef> entityRefs() {
    return entityRefs;
  }

  public Resource setEntityRefs(List<EntityRef> refs) {
    checkMutable();
    this.entityRefs = List.copyOf(refs);
    return this;
  }

  public Resource addEntityRef(EntityRef ref) {
    checkMutable();
    List<EntityRef> l = new ArrayList<>(entityRefs);
    l.add(ref);
    this.entityRefs = List.copyOf(l);
    return this;
  }

  public boolean isEmpty() {
    return attributes.isEmpty() && droppedAttributesCount == 0 && entityRefs.isEmpty();
  }

  /** Replaces this resource's content with a copy of {@code other}'s. */
  public void copyFrom(Resource other) {
    checkMutable();
    attributes.copyFrom(other.attributes);
    droppedAttributesCount = other.droppedAttributesCount;
    entityRefs = other.entityRefs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Resource r
        && attributes.equals(r.attributes)
        && droppedAttributesCount == r.droppedAttributesCount
        && entityRefs.equals(r.entityRefs);
  }

  @Override
  public int hashCode() {
    return attributes.hashCode() * 31 + droppedAttributesCount;
  }

  @Override
  public String toString() {
    return "Resource" + attributes;
  }
}
