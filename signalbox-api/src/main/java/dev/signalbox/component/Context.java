package dev.signalbox.component;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What travels with a batch besides its data: the client's metadata (request headers or gRPC
 * metadata, when the receiver's {@code include_metadata} is on), the authenticated principal and
 * the transport. Immutable.
 */
public final class Context {
  private static final Context EMPTY = new Context(Map.of(), null, "");

  private final Map<String, List<String>> metadata;
  private final String principal;
  private final String transport;

  private Context(Map<String, List<String>> metadata, String principal, String transport) {
    this.metadata = metadata;
    this.principal = principal;
    this.transport = transport;
  }

  public static Context empty() {
    return EMPTY;
  }

  /** A context with client metadata; keys are matched case-insensitively. */
  public static Context of(Map<String, List<String>> metadata, String transport) {
    if (metadata.isEmpty() && transport.isEmpty()) {
      return EMPTY;
    }
    TreeMap<String, List<String>> m = new TreeMap<>();
    metadata.forEach((k, v) -> m.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v),
        (a, b) -> {
          var l = new java.util.ArrayList<>(a);
          l.addAll(b);
          return List.copyOf(l);
        }));
    return new Context(java.util.Collections.unmodifiableMap(m), null, Objects.requireNonNull(transport));
  }

  /** All client metadata, keys lower-cased. */
  public Map<String, List<String>> metadata() {
    return metadata;
  }

  /** The values of one metadata key (case-insensitive), or an empty list. */
  public List<String> metadata(String key) {
    List<String> v = metadata.get(key.toLowerCase(Locale.ROOT));
    return v == null ? List.of() : v;
  }

  /** The authenticated principal, or null. */
  public String principal() {
    return principal;
  }

  public Context withPrincipal(String principal) {
    return new Context(metadata, principal, transport);
  }

  /** "grpc", "http" or another transport name; empty if unknown. */
  public String transport() {
    return transport;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Context c && metadata.equals(c.metadata) && Objects.equals(principal, c.principal)
        && transport.equals(c.transport);
  }

  @Override
  public int hashCode() {
    return metadata.hashCode();
  }

  @Override
  public String toString() {
    return "Context{" + transport + " " + metadata.keySet() + "}";
  }
}
