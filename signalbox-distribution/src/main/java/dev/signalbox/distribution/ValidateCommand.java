package dev.signalbox.distribution;

import dev.signalbox.service.config.ConfigException;
import dev.signalbox.service.config.ConfigRenderer;
import dev.signalbox.service.config.ResolvedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code signalbox validate}: loads, binds and checks a configuration without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Check a configuration: print every problem as file:line:col key.path: message and exit 1, "
        + "or exit 0 if it is valid.")
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--config"}, paramLabel = "SOURCE",
      description = "A configuration source: a file path, env:VAR or yaml:key::path: value. Repeatable; "
          + "later sources override earlier ones. Default: the embedded default configuration.")
  List<String> configs = new ArrayList<>();

  @Option(names = "--print", description = "Print the effective configuration (defaults filled in, secrets redacted).")
  boolean print;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    ResolvedConfig rc;
    try {
      rc = Configs.load(configs, BuiltinComponents.registry());
    } catch (ConfigException e) {
      err.println("invalid configuration:");
      e.problems().forEach(p -> err.println("  " + p));
      e.warnings().forEach(w -> err.println("  warning: " + w));
      err.flush();
      return 1;
    }
    rc.warnings().forEach(w -> err.println("warning: " + w));
    if (print) {
      out.print(ConfigRenderer.render(rc));
    } else {
      out.println("configuration is valid: " + rc.pipelines().size() + " pipelines");
    }
    out.flush();
    err.flush();
    return 0;
  }
}
