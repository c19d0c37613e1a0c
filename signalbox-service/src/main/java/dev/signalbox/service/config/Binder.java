package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentType;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import dev.signalbox.service.config.ConfigNode.Entry;
import dev.signalbox.service.config.ConfigNode.ListNode;
import dev.signalbox.service.config.ConfigNode.MapNode;
import dev.signalbox.service.config.ConfigNode.NullNode;
import dev.signalbox.service.config.ConfigNode.ScalarNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds a {@link ConfigNode} tree onto a config record over a default instance, following the
 * contract of {@link dev.signalbox.config.ComponentConfig}. Every problem goes to the
 * {@link Diagnostics} with the location of the key (or list element) it is about; a value that does
 * not bind keeps its default so binding goes on and reports every problem at once.
 *
 * <p>Rules beyond the ComponentConfig Javadoc, chosen here:
 * <ul>
 *   <li>A key written with no value ({@code key:}) keeps the default: for a nested record it means
 *       "the defaults", for a {@link dev.signalbox.config.Presence} block "present, with the
 *       defaults", for a scalar, list or map the default value.
 *   <li>A {@code @Presence} block is non-null only when its own key is written, at any depth of
 *       nested records: a record taken whole from the defaults (its key not written, or written with
 *       no value) has its {@code @Presence} blocks absent, as the Collector's
 *       {@code receivers: {otlp:}} enables no protocol. Records inside default lists and maps are
 *       values and are kept as they are.
 *   <li>A list, set or map written by the user replaces the default one entirely (the Collector
 *       merges maps of nested components; that rarely matters and replacing is easier to predict).
 *       An entry of a user's map is bound over the default map's entry with the same key when there
 *       is one.
 *   <li>A record with no value from any default (a map value or list element of record type, or a
 *       {@code @Presence} block whose default is null) starts from its <em>no-value default</em>: the
 *       record class's static no-argument {@code defaults()} method when it declares one, else every
 *       component at its zero value, as Go would: 0, false, "", empty collections, zero
 *       Duration/ByteSize, an empty Secret, null for enums, ids and boxes, nested records at their own
 *       no-value default and {@code @Presence} blocks absent.
 *   <li>An element of a list or map written with no value is an error unless it is a record.
 *   <li>A {@code Set} keeps the first of repeated values, in the order written.
 * </ul>
 */
final class Binder {
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private final Diagnostics diagnostics;

  Binder(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  /**
   * Binds {@code node} (null when not written) onto {@code type} over {@code defaults}.
   *
   * @param path the key path of {@code node}, for messages
   * @param where where problems about the node itself are reported (its key's location)
   */
  <T> T bind(ConfigNode node, Class<T> type, T defaults, String path, Location where) {
    return type.cast(bindValue(type, node, defaults, path, where));
  }

  private Object bindValue(Type type, ConfigNode node, Object def, String path, Location where) {
    Class<?> raw = raw(type);
    if (isBlock(raw)) {
      return bindRecord(raw, node, def, path, where);
    }
    if (raw == List.class || raw == Set.class || raw == Collection.class) {
      return bindCollection(type, raw, node, def, path, where);
    }
    if (raw == Map.class) {
      return bindMap(type, node, def, path, where);
    }
    return bindScalar(raw, node, def, path, where);
  }

  private Object bindRecord(Class<?> type, ConfigNode node, Object def, String path, Location where) {
    Object base = def != null ? def : noValueDefault(type, path, where);
    RecordShape shape = RecordShape.of(type);
    if (node == null || node instanceof NullNode) {
      // the defaults, except that @Presence blocks not written are absent, at any depth
      return bindFields(shape, MapNode.empty(where), base, path, where);
    }
    if (!(node instanceof MapNode map)) {
      diagnostics.error(where, path, "expected a map, got " + node.describe(isSensitive(type)));
      return bindFields(shape, MapNode.empty(where), base, path, where);
    }
    for (Entry e : map.entries().values()) {
      if (!shape.keys().contains(e.key())) {
        diagnostics.error(e.keyLocation(), KeyPaths.join(path, e.key()), unknownKey(e.key(), shape.keys()));
      }
    }
    return bindFields(shape, map, base, path, where);
  }

  private Object bindFields(RecordShape shape, MapNode map, Object base, String path, Location where) {
    List<RecordShape.Field> fields = shape.fields();
    Object[] args = new Object[fields.size()];
    for (int i = 0; i < args.length; i++) {
      RecordShape.Field f = fields.get(i);
      Object defValue = base == null ? null : f.get(base);
      if (f.squash()) {
        Object subBase = defValue != null ? defValue : noValueDefault(f.raw(), path, where);
        args[i] = bindFields(RecordShape.of(f.raw()), map, subBase, path, where);
        continue;
      }
      Entry e = map.entry(f.key());
      if (e == null && f.presence()) {
        args[i] = null;
      } else if (e == null) {
        // not written: the default, its own @Presence blocks stripped (a null default stays null)
        args[i] = isBlock(f.raw()) && defValue != null
            ? bindRecord(f.raw(), null, defValue, KeyPaths.join(path, f.key()), where)
            : defValue;
      } else {
        args[i] = bindValue(f.type(), e.value(), defValue, KeyPaths.join(path, f.key()), e.keyLocation());
      }
    }
    if (base == null) {
      return null; // no default could be built: reported by noValueDefault
    }
    try {
      return shape.construct(args);
    } catch (IllegalArgumentException e) {
      diagnostics.error(where, path, e.getMessage());
      return base;
    }
  }

  private Object noValueDefault(Class<?> type, String path, Location where) {
    try {
      return RecordShape.of(type).noValueDefault();
    } catch (IllegalArgumentException e) {
      diagnostics.error(where, path, "cannot build the default of " + type.getSimpleName() + " (" + e.getMessage()
          + "); its record needs a static defaults() method");
      return null;
    }
  }

  private Object bindCollection(Type type, Class<?> raw, ConfigNode node, Object def, String path, Location where) {
    if (node == null || node instanceof NullNode) {
      return def;
    }
    Type elementType = typeArgument(type, 0);
    if (!(node instanceof ListNode list)) {
      diagnostics.error(where, path, "expected a list, got " + node.describe(isSensitive(elementType)));
      return def;
    }
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < list.items().size(); i++) {
      ConfigNode item = list.items().get(i);
      String itemPath = KeyPaths.index(path, i);
      if (item instanceof NullNode && !isBlock(raw(elementType))) {
        diagnostics.error(item.location(), itemPath, "expected " + expected(elementType) + ", got no value");
        continue;
      }
      Object v = bindValue(elementType, item, null, itemPath, item.location());
      if (v != null) {
        out.add(v);
      }
    }
    return raw == Set.class ? Collections.unmodifiableSet(new LinkedHashSet<>(out)) : Collections.unmodifiableList(out);
  }

  private Object bindMap(Type type, ConfigNode node, Object def, String path, Location where) {
    if (node == null || node instanceof NullNode) {
      return def;
    }
    if (raw(typeArgument(type, 0)) != String.class) {
      throw new IllegalArgumentException("config maps must have String keys: " + type.getTypeName() + " at " + path);
    }
    Type valueType = typeArgument(type, 1);
    if (!(node instanceof MapNode map)) {
      diagnostics.error(where, path, "expected a map, got " + node.describe(isSensitive(valueType)));
      return def;
    }
    Map<?, ?> defaults = def instanceof Map<?, ?> m ? m : Map.of();
    Map<String, Object> out = new LinkedHashMap<>();
    for (Entry e : map.entries().values()) {
      String entryPath = KeyPaths.join(path, e.key());
      Object entryDefault = defaults.get(e.key());
      if (e.value() instanceof NullNode && entryDefault == null && !isBlock(raw(valueType))) {
        diagnostics.error(e.keyLocation(), entryPath, "expected " + expected(valueType) + ", got no value");
        continue;
      }
      Object v = bindValue(valueType, e.value(), entryDefault, entryPath, e.keyLocation());
      if (v != null) {
        out.put(e.key(), v);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private Object bindScalar(Class<?> type, ConfigNode node, Object def, String path, Location where) {
    if (node == null || node instanceof NullNode) {
      return def;
    }
    if (!(node instanceof ScalarNode scalar)) {
      diagnostics.error(where, path, "expected " + expected(type) + ", got " + node.describe(type == Secret.class));
      return def;
    }
    if (diagnostics.hasErrorAtOrAbove(path)) {
      return def; // its ${...} did not expand: that error says what to fix
    }
    try {
      return convert(type, scalar.value());
    } catch (IllegalArgumentException e) {
      diagnostics.error(where, path, e.getMessage());
      return def;
    }
  }

  /** Converts a scalar's text; throws IllegalArgumentException with the message for the user. */
  private static Object convert(Class<?> type, String v) {
    if (type == String.class) {
      return v;
    }
    if (type == Secret.class) {
      return Secret.of(v);
    }
    if (type == boolean.class || type == Boolean.class) {
      return switch (v.strip()) {
        case "true", "True", "TRUE" -> true;
        case "false", "False", "FALSE" -> false;
        default -> throw mismatch(type, v);
      };
    }
    if (type == int.class || type == Integer.class) {
      return (int) parseInteger(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (type == long.class || type == Long.class) {
      return parseInteger(v, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (type == double.class || type == Double.class) {
      return parseDouble(v);
    }
    if (type == float.class || type == Float.class) {
      return (float) parseDouble(v);
    }
    if (type == Duration.class) {
      return Durations.parse(v);
    }
    if (type == ByteSize.class) {
      try {
        return ByteSize.parse(v);
      } catch (IllegalArgumentException e) {
        throw mismatch(type, v);
      }
    }
    if (type == ComponentId.class) {
      return ComponentId.parse(v);
    }
    if (type.isEnum()) {
      String s = v.strip();
      for (Object c : type.getEnumConstants()) {
        if (((Enum<?>) c).name().equalsIgnoreCase(s)) {
          return c;
        }
      }
      throw mismatch(type, v);
    }
    throw new IllegalArgumentException("values of type " + type.getName() + " cannot be configured (a bug in the component)");
  }

  private static long parseInteger(String v, long min, long max) {
    String s = v.strip();
    long n;
    try {
      if (INTEGER.matcher(s).matches()) {
        n = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
      } else if (HEX.matcher(s).matches()) {
        n = Long.parseLong(s.substring(2), 16);
      } else if (OCTAL.matcher(s).matches()) {
        n = Long.parseLong(s.substring(2), 8);
      } else {
        throw mismatch(long.class, v);
      }
    } catch (NumberFormatException e) {
      throw outOfRange(v, min, max);
    }
    if (n < min || n > max) {
      throw outOfRange(v, min, max);
    }
    return n;
  }

  private static double parseDouble(String v) {
    String s = v.strip();
    if (FLOAT.matcher(s).matches()) {
      return Double.parseDouble(s);
    }
    return switch (s) {
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF" -> Double.NEGATIVE_INFINITY;
      case ".nan", ".NaN", ".NAN" -> Double.NaN;
      default -> throw mismatch(double.class, v);
    };
  }

  private static IllegalArgumentException outOfRange(String v, long min, long max) {
    return new IllegalArgumentException("expected an integer between " + min + " and " + max + ", got '" + v + "'");
  }

  private static IllegalArgumentException mismatch(Class<?> type, String v) {
    return new IllegalArgumentException("expected " + expected(type) + ", got '" + v + "'");
  }

  /** What a value of {@code type} looks like, for "expected ..." messages. */
  static String expected(Type type) {
    Class<?> c = raw(type);
    if (c == String.class || c == Secret.class) {
      return "a string";
    }
    if (c == boolean.class || c == Boolean.class) {
      return "true or false";
    }
    if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
      return "an integer";
    }
    if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
      return "a number";
    }
    if (c == Duration.class) {
      return Durations.EXPECTED;
    }
    if (c == ByteSize.class) {
      return "a size such as 512MiB, 64KiB or a number of bytes";
    }
    if (c == ComponentId.class) {
      return "a component id such as otlp or otlp/2";
    }
    if (c.isEnum()) {
      return "one of: " + Arrays.stream(c.getEnumConstants())
          .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
    }
    if (c == List.class || c == Set.class || c == Collection.class) {
      return "a list";
    }
    return "a map";
  }

  static String unknownKey(String key, Collection<String> valid) {
    String hint = Suggestions.closest(key, valid);
    if (hint != null) {
      return "unknown key '" + key + "'; did you mean '" + hint + "'?";
    }
    if (valid.isEmpty()) {
      return "unknown key '" + key + "'; this block takes no keys";
    }
    return "unknown key '" + key + "'; valid keys are: " + valid.stream().sorted().collect(Collectors.joining(", "));
  }

  /**
   * True for a nested config record, bound from a map. {@link ByteSize} and {@link ComponentId} are
   * records too, but values written as scalars.
   */
  static boolean isBlock(Class<?> c) {
    return c.isRecord() && c != ByteSize.class && c != ComponentId.class && c != ComponentType.class;
  }

  /** The zero value of a component of type {@code c}, for no-value defaults. */
  static Object zero(Class<?> c) {
    if (c.isPrimitive()) {
      return RecordShape.primitiveZero(c);
    }
    if (c == String.class) {
      return "";
    }
    if (c == List.class || c == Collection.class) {
      return List.of();
    }
    if (c == Set.class) {
      return Set.of();
    }
    if (c == Map.class) {
      return Map.of();
    }
    if (c == Duration.class) {
      return Duration.ZERO;
    }
    if (c == ByteSize.class) {
      return ByteSize.ofBytes(0);
    }
    if (c == Secret.class) {
      return Secret.EMPTY;
    }
    if (isBlock(c)) {
      return RecordShape.of(c).noValueDefault();
    }
    return null;
  }

  /** True when a value of {@code type} holds a {@link Secret} somewhere, so its text must never be shown. */
  static boolean isSensitive(Type type) {
    return isSensitive(type, new java.util.HashSet<>());
  }

  private static boolean isSensitive(Type type, Set<Class<?>> seen) {
    if (type instanceof ParameterizedType p) {
      return Arrays.stream(p.getActualTypeArguments()).anyMatch(t -> isSensitive(t, seen));
    }
    Class<?> c = raw(type);
    if (c == Secret.class) {
      return true;
    }
    if (isBlock(c) && seen.add(c)) {
      return RecordShape.of(c).fields().stream().anyMatch(f -> isSensitive(f.type(), seen));
    }
    return false;
  }

  static Class<?> raw(Type type) {
    return switch (type) {
      case Class<?> c -> c;
      case ParameterizedType p -> (Class<?>) p.getRawType();
      case WildcardType w -> raw(w.getUpperBounds()[0]);
      default -> throw new IllegalArgumentException("unsupported config type " + type.getTypeName());
    };
  }

  static Type typeArgument(Type type, int i) {
    if (type instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[i];
      return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }
    throw new IllegalArgumentException("config type " + type.getTypeName() + " needs type arguments");
  }
}
