package dev.signalbox.pdata;

import java.util.List;
import java.util.Objects;

/** An OTLP {@code EntityRef} of a resource. Immutable. */
public record EntityRef(String schemaUrl, String type, List<String> idKeys, List<String> descriptionKeys) {
  public EntityRef {
    Objects.requireNonNull(schemaUrl, "schemaUrl");
    Objects.requireNonNull(type, "type");
    idKeys = List.copyOf(idKeys);
    descriptionKeys = List.copyOf(descriptionKeys);
  }
}
