package dev.signalbox.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.Kind;
import dev.signalbox.config.Secret;
import dev.signalbox.service.config.TestFactories.BearerTokenConfig;
import dev.signalbox.service.config.TestFactories.OtlpExporterConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRendererTest {
  @Test
  void printsTheEffectiveConfigWithDefaultsAndSecretsRedacted() throws Exception {
    String yaml = ConfigRenderer.render(ConfigLoaderTest.loadFixture());

    assertThat(yaml).isEqualTo("""
        receivers:
          otlp:
            protocols:
              grpc:
                endpoint: 127.0.0.1:14317
                max_recv_msg_size_mib: 16
                keepalive_time: 2h
              http:
                endpoint: localhost:4318
                cors_allowed_origins: []
                max_request_body_size: 20MiB
          otlp/internal:
            protocols:
              http:
                endpoint: 127.0.0.1:14318
                cors_allowed_origins:
                - https://example.com
                max_request_body_size: 5000000B
        processors:
          batch:
            timeout: 1m30s
            send_batch_size: 1024
            send_batch_max_size: 2048
            metadata_keys: []
          batch/quick:
            timeout: 200ms
            send_batch_size: 8192
            send_batch_max_size: 0
            metadata_keys: []
          routing:
            routes:
              main:
                exporters:
                - debug
                priority: 1
                enabled: true
              other:
                exporters:
                - otlp/backend
                priority: 5
                enabled: true
            matches:
              tenant:
                attribute: tenant.id
                window: 1.5s
                token: ''
                values: []
            default_route: main
        exporters:
          debug:
            verbosity: detailed
            sampling_initial: 2
            sampling_thereafter: 1
          otlp/backend:
            endpoint: backend.example.com:4317
            headers:
              authorization: '[REDACTED]'
            tls:
              insecure: true
              ca_file: ''
            timeout: 10s
            sending_queue:
              enabled: true
              num_consumers: 10
              queue_size: 5000
              max_size: 512MiB
            retry_on_failure:
              enabled: true
              initial_interval: 5s
              max_interval: 30s
              max_elapsed_time: 0s
              multiplier: 2.0
            compression: zstd
        extensions:
          health_check:
            endpoint: localhost:13133
            path: /
          bearertokenauth:
            scheme: Bearer
            token: '[REDACTED]'
            fallback_tokens: []
        service:
          extensions:
          - health_check
          - bearertokenauth
          pipelines:
            traces:
              receivers:
              - otlp
              processors:
              - batch
              - routing
              exporters:
              - otlp/backend
              - debug
            metrics/internal:
              receivers:
              - otlp/internal
              processors:
              - batch/quick
              exporters:
              - debug
          telemetry:
            logs:
              level: debug
              encoding: json
            metrics:
              level: detailed
              address: 127.0.0.1:18888
            resource:
              service.name: signalbox-test
        """);
    assertThat(yaml).doesNotContain("s3cr3t");
  }

  @Test
  void printedConfigLoadsBackToTheSameConfigSecretsApart() throws Exception {
    ResolvedConfig original = ConfigLoaderTest.loadFixture();

    ResolvedConfig reloaded = ConfigLoader.loadSources(
        List.of(ConfigSource.of("printed.yaml", ConfigRenderer.render(original))), Map.<String, String>of()::get,
        TestFactories.registry());

    ComponentId backend = ComponentId.of("otlp", "backend");
    ComponentId auth = ComponentId.of("bearertokenauth");
    for (Kind kind : Kind.values()) {
      assertThat(reloaded.components(kind).keySet()).containsExactlyElementsOf(original.components(kind).keySet());
      original.components(kind).forEach((id, c) -> {
        if (!id.equals(backend) && !id.equals(auth)) {
          assertThat(reloaded.component(kind, id).config()).isEqualTo(c.config());
        }
      });
    }
    var reloadedBackend = (OtlpExporterConfig) reloaded.component(Kind.EXPORTER, backend).config();
    assertThat(reloadedBackend.client().headers()).containsExactly(Map.entry("authorization", Secret.of(Secret.REDACTED)));
    assertThat(((BearerTokenConfig) reloaded.component(Kind.EXTENSION, auth).config()).token())
        .isEqualTo(Secret.of(Secret.REDACTED));
    assertThat(reloaded.pipelines()).isEqualTo(original.pipelines());
    assertThat(reloaded.serviceExtensions()).isEqualTo(original.serviceExtensions());
    assertThat(reloaded.telemetry()).isEqualTo(original.telemetry());
  }

  @Test
  void rendersOneBoundRecord() {
    assertThat(ConfigRenderer.render(new BearerTokenConfig("Bearer", Secret.of("hunter2"), List.of(Secret.of("x")))))
        .isEqualTo("""
            scheme: Bearer
            token: '[REDACTED]'
            fallback_tokens:
            - '[REDACTED]'
            """);
  }
}
