package dev.signalbox.service.config;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Kind;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * Prints the effective configuration ({@code signalbox validate --print}): every component's bound
 * config with all defaults filled in, then {@code service}, in the Collector's layout and with keys
 * as users write them. Every non-empty {@link Secret} prints as {@value Secret#REDACTED}; an empty
 * (unset) one prints as {@code ""}, as {@link Secret#toString()} does. Durations print in Go syntax
 * ({@code 1m30s}), sizes as {@code 512MiB}, enums in lower case; a {@code @Presence} block that is
 * absent and any other null value is left out. The output loads back to the same configuration,
 * secrets apart.
 */
public final class ConfigRenderer {
  private ConfigRenderer() {}

  public static String render(ResolvedConfig config) {
    Map<String, Object> top = new LinkedHashMap<>();
    for (Kind kind : ConfigResolver.SECTIONS) {
      Map<String, Object> section = new LinkedHashMap<>();
      config.components(kind).forEach((id, c) -> section.put(id.toString(), plain(c.config())));
      if (!section.isEmpty()) {
        top.put(kind.section(), section);
      }
    }
    Map<String, Object> service = new LinkedHashMap<>();
    if (!config.serviceExtensions().isEmpty()) {
      service.put("extensions", plain(config.serviceExtensions()));
    }
    Map<String, Object> pipelines = new LinkedHashMap<>();
    config.pipelines().forEach((id, p) -> {
      Map<String, Object> pipeline = new LinkedHashMap<>();
      pipeline.put("receivers", plain(p.receivers()));
      pipeline.put("processors", plain(p.processors()));
      pipeline.put("exporters", plain(p.exporters()));
      pipelines.put(id.toString(), pipeline);
    });
    service.put("pipelines", pipelines);
    service.put("telemetry", plain(config.telemetry()));
    top.put("service", service);
    return dump(top);
  }

  /** Renders one config record (or any bound value) alone, with the same rules. */
  public static String render(Object boundConfig) {
    return dump(plain(boundConfig));
  }

  private static String dump(Object tree) {
    DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2).build();
    return new Dump(settings).dumpToString(tree);
  }

  /** A bound value as plain maps, lists and scalars, secrets redacted. */
  static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case Secret s -> s.toString();
      case String s -> s;
      case Boolean b -> b;
      case Integer i -> i;
      case Long l -> l;
      case Double d -> d;
      case Float f -> f;
      case Duration d -> Durations.format(d);
      case ByteSize b -> b.toString();
      case ComponentId id -> id.toString();
      case Enum<?> e -> e.name().toLowerCase(Locale.ROOT);
      case Record r -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordShape.Field f : RecordShape.of(r.getClass()).fields()) {
          Object child = plain(f.get(r));
          if (f.squash() && child instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put((String) k, v));
          } else if (child != null) {
            out.put(f.key(), child);
          }
        }
        yield out;
      }
      case Map<?, ?> m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
        yield out;
      }
      case Collection<?> c -> {
        List<Object> out = new ArrayList<>();
        c.forEach(item -> out.add(plain(item)));
        yield out;
      }
      default -> value.toString();
    };
  }
}
