package dev.signalbox.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line a newcomer meets: help, version, validate, components. */
class CliTest {
  @TempDir
  Path dir;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheCommandsWithExamples() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("run", "validate", "components", "telemetrygen", "Examples:",
        "signalbox run --config config.yaml");
  }

  @Test
  void versionNamesTheBuild() {
    Result r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("signalbox " + Main.BUILD_INFO.version());
  }

  @Test
  void componentsListsEveryTypeWithSignalsAndStability() {
    Result r = run("components");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("receivers:", "otlp", "traces:stable", "processors:", "batch", "memory_limiter",
        "exporters:", "debug", "file", "otlphttp", "extensions:", "health_check");
  }

  @Test
  void validateAcceptsTheEmbeddedDefault() {
    Result r = run("validate");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("configuration is valid: 3 pipelines");
  }

  @Test
  void validatePrintsEveryProblemAndExitsNonZero() throws Exception {
    Path cfg = Files.writeString(dir.resolve("bad.yaml"), """
        receivers:
          otlp:
            protocols:
              grpc: {endpoint: "localhost"}
        processors:
          batch: {send_batch_sise: 10}
        exporters:
          otlphttp: {endpoint: "http://x:4318", headers: {authorization: "Bearer TOPSECRET"}, timout: 5s}
        service:
          pipelines:
            traces: {receivers: [otlp], processors: [batch], exporters: [otlphttp]}
        """);
    Result r = run("validate", "--config", cfg.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(
        cfg + ":4:14 receivers.otlp.protocols.grpc.endpoint: invalid address \"localhost\": missing port",
        cfg + ":6:11 processors.batch.send_batch_sise: unknown key 'send_batch_sise'; did you mean 'send_batch_size'?",
        "exporters.otlphttp.timout: unknown key 'timout'; did you mean 'timeout'?");
    assertThat(r.err() + r.out()).doesNotContain("TOPSECRET");
  }

  @Test
  void validatePrintRedactsSecrets() throws Exception {
    Path cfg = Files.writeString(dir.resolve("ok.yaml"), """
        receivers:
          otlp: {protocols: {http: {endpoint: "127.0.0.1:4318"}}}
        exporters:
          otlphttp: {endpoint: "http://127.0.0.1:4319", headers: {authorization: "Bearer TOPSECRET"}}
        service:
          pipelines:
            logs: {receivers: [otlp], exporters: [otlphttp]}
        """);
    Result r = run("validate", "--config", cfg.toString(), "--print");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("authorization: '[REDACTED]'").doesNotContain("TOPSECRET");
  }
}
