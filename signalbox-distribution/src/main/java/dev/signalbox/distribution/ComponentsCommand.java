package dev.signalbox.distribution;

import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.ExtensionFactory;
import dev.signalbox.component.Factory;
import dev.signalbox.component.Kind;
import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.Stability;
import dev.signalbox.pdata.Signal;
import dev.signalbox.service.Registry;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code signalbox components}: every component type with its signals and stability. */
@Command(name = "components", description = "List the component types this build offers, with their signals and stability.")
final class ComponentsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    print(spec.commandLine().getOut(), BuiltinComponents.registry());
    return 0;
  }

  static void print(PrintWriter out, Registry registry) {
    for (Kind kind : Kind.values()) {
      var all = registry.all(kind);
      if (all.isEmpty()) {
        continue;
      }
      out.println(kind.section() + ":");
      for (Factory<?> f : all) {
        out.printf("  %-24s %-52s %s%n", f.type(), signals(f), f.description());
      }
    }
    out.flush();
  }

  private static String signals(Factory<?> f) {
    Map<Signal<?>, Stability> m = switch (f) {
      case ReceiverFactory<?> r -> r.signals();
      case ProcessorFactory<?> p -> p.signals();
      case ExporterFactory<?> e -> e.signals();
      case ExtensionFactory<?> e -> Map.of();
      default -> Map.of();
    };
    if (f instanceof ExtensionFactory<?> e) {
      return "[" + e.stability().label() + "]";
    }
    return Signal.all().stream().filter(m::containsKey)
        .map(s -> s.name() + ":" + m.get(s).label()).collect(Collectors.joining(" "));
  }
}
