package dev.signalbox.service.config;

import dev.signalbox.config.ConfigKey;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Squash;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the binder, the validator and the renderer need to know about a config record: its keys in
 * declaration order (with {@link Squash}ed records' keys at this level), which components are
 * {@link Presence} blocks, and how to read and build it. Computed once per class.
 */
final class RecordShape {
  private static final ClassValue<RecordShape> CACHE = new ClassValue<>() {
    @Override
    protected RecordShape computeValue(Class<?> type) {
      return new RecordShape(type);
    }
  };

  /** One record component. {@code key} is null for a squashed one. */
  record Field(String name, String key, Type type, Class<?> raw, boolean squash, boolean presence, Method accessor) {
    Object get(Object record) {
      try {
        return accessor.invoke(record);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("accessor " + accessor + " threw", e.getCause());
      }
    }
  }

  private final Class<?> type;
  private final List<Field> fields;
  private final Set<String> keys;
  private final Constructor<?> constructor;

  private RecordShape(Class<?> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    this.type = type;
    RecordComponent[] components = type.getRecordComponents();
    List<Field> fs = new ArrayList<>();
    Set<String> ks = new LinkedHashSet<>();
    Class<?>[] paramTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent rc = components[i];
      paramTypes[i] = rc.getType();
      Method accessor = rc.getAccessor();
      accessor.setAccessible(true);
      boolean squash = rc.isAnnotationPresent(Squash.class);
      ConfigKey ck = rc.getAnnotation(ConfigKey.class);
      String key = squash ? null : ck != null ? ck.value() : KeyPaths.snakeCase(rc.getName());
      fs.add(new Field(rc.getName(), key, rc.getGenericType(), rc.getType(), squash, rc.isAnnotationPresent(Presence.class),
          accessor));
      if (squash) {
        if (!rc.getType().isRecord()) {
          throw new IllegalArgumentException("@Squash on " + type.getName() + "." + rc.getName() + " needs a record type");
        }
        ks.addAll(of(rc.getType()).keys());
      } else {
        ks.add(key);
      }
    }
    this.fields = List.copyOf(fs);
    this.keys = Collections.unmodifiableSet(ks);
    try {
      this.constructor = type.getDeclaredConstructor(paramTypes);
      this.constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
    }
  }

  static RecordShape of(Class<?> type) {
    return CACHE.get(type);
  }

  List<Field> fields() {
    return fields;
  }

  /** Every key valid in this record's map, squashed records' keys included, in declaration order. */
  Set<String> keys() {
    return keys;
  }

  /**
   * Builds the record. A null argument for a primitive component becomes its zero. Throws
   * IllegalArgumentException with the constructor's own message when it rejects the values.
   */
  Object construct(Object[] args) {
    Object[] a = args.clone();
    for (int i = 0; i < a.length; i++) {
      if (a[i] == null && fields.get(i).raw().isPrimitive()) {
        a[i] = primitiveZero(fields.get(i).raw());
      }
    }
    try {
      return constructor.newInstance(a);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw new IllegalArgumentException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
      }
      throw new IllegalStateException(cause);
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The record's value when its key is written with no value and no default instance supplies one:
   * its public static no-argument {@code defaults()} method when it has one, else every component at
   * its zero value (see {@link Binder}).
   */
  Object noValueDefault() {
    try {
      Method m = type.getDeclaredMethod("defaults");
      if (Modifier.isStatic(m.getModifiers()) && type.isAssignableFrom(m.getReturnType())) {
        m.setAccessible(true);
        return m.invoke(null);
      }
    } catch (NoSuchMethodException e) {
      // no defaults(): zero values below
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(type.getName() + ".defaults() failed", e);
    }
    Object[] args = new Object[fields.size()];
    for (int i = 0; i < args.length; i++) {
      Field f = fields.get(i);
      args[i] = f.presence() ? null : Binder.zero(f.raw());
    }
    return construct(args);
  }

  static Object primitiveZero(Class<?> c) {
    if (c == boolean.class) {
      return false;
    }
    if (c == char.class) {
      return '\0';
    }
    if (c == long.class) {
      return 0L;
    }
    if (c == double.class) {
      return 0.0;
    }
    if (c == float.class) {
      return 0.0f;
    }
    if (c == short.class) {
      return (short) 0;
    }
    if (c == byte.class) {
      return (byte) 0;
    }
    return 0;
  }
}
