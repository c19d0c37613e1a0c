package dev.signalbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM options of {@code bin/signalbox}, read from their one definition (the shell function
 * {@code signalbox_jvm_opts} in {@code bin/lib.sh}) by running it, so the harness starts Signalbox
 * exactly as users do: same GC, heap, metaspace and code cache limits, same JDK-dependent flags,
 * and {@code SIGNALBOX_HEAP} / {@code SIGNALBOX_JAVA_OPTS} from the environment applied the same way.
 */
public final class LauncherOptions {
  private LauncherOptions() {}

  /** The options for {@code java} as {@code <repoRoot>/bin/lib.sh} defines them. */
  public static List<String> of(Path repoRoot, Path java) throws IOException {
    Path lib = repoRoot.resolve("bin/lib.sh");
    if (!Files.isRegularFile(lib)) {
      throw new IOException("no " + lib + ": pass --repo-root (the Signalbox checkout)");
    }
    Process p = new ProcessBuilder("bash", "-c", ". \"$1\" && signalbox_jvm_opts \"$2\"", "bash",
        lib.toString(), java.toString()).redirectErrorStream(false).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("signalbox_jvm_opts in " + lib + " failed: " + err.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    List<String> opts = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        opts.add(line.strip());
      }
    }
    if (opts.isEmpty()) {
      throw new IOException("signalbox_jvm_opts in " + lib + " printed no options");
    }
    return List.copyOf(opts);
  }
}
