package dev.signalbox.extension.healthcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentStatus;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Extension;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.Host;
import dev.signalbox.component.StatusEvent;
import dev.signalbox.sdk.http.HttpServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckExtensionTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final Map<String, StatusEvent> pipelines = new ConcurrentHashMap<>();
  Instant now = T0;
  final Clock clock = new Clock() {
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    public Clock withZone(java.time.ZoneId z) {
      return this;
    }

    public Instant instant() {
      return now;
    }
  };
  HealthCheckExtension ext;

  final Host host = new Host() {
    public Map<ComponentId, Extension> extensions() {
      return Map.of();
    }

    public HealthView health() {
      return new HealthView() {
        public Map<String, StatusEvent> components() {
          return Map.of();
        }

        public Map<String, StatusEvent> pipelines() {
          return new java.util.TreeMap<>(HealthCheckExtensionTest.this.pipelines);
        }

        public StatusEvent overall() {
          return new StatusEvent(ComponentStatus.OK, null, T0);
        }
      };
    }
  };

  HttpResponse<String> get() throws Exception {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ext.port() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void start(Duration recovery) throws Exception {
    var d = HealthCheckExtensionConfig.defaults();
    var cfg = new HealthCheckExtensionConfig(HttpServerConfig.defaults("127.0.0.1:0"), "/health", null,
        d.checkCollectorPipeline(), new HealthCheckExtensionConfig.ComponentHealth(true, true, recovery));
    ext = new HealthCheckExtension(cfg, clock);
    ext.start(host);
  }

  @AfterEach
  void stop() {
    ext.shutdown(Deadline.in(Duration.ofSeconds(2)));
  }

  @Test
  void healthyWhileEveryPipelineIsOk() throws Exception {
    start(Duration.ofMinutes(1));
    pipelines.put("traces", new StatusEvent(ComponentStatus.OK, null, T0));
    HttpResponse<String> r = get();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"status\":\"Server available\"")
        .contains("\"pipelines\":{\"traces\":{\"status\":\"OK\"}}");
  }

  @Test
  void unhealthyOnceARecoverableErrorOutlastsTheRecoveryDuration() throws Exception {
    start(Duration.ofMinutes(1));
    pipelines.put("traces", new StatusEvent(ComponentStatus.OK, null, T0));
    pipelines.put("logs", new StatusEvent(ComponentStatus.RECOVERABLE_ERROR, "exporter:otlp: connection refused", T0));
    now = T0.plusSeconds(30);
    assertThat(get().statusCode()).isEqualTo(200);
    now = T0.plusSeconds(61);
    HttpResponse<String> r = get();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"reason\":\"pipeline logs: exporter:otlp: connection refused (failing since "
        + "2026-01-01T00:00:00Z)\"");
  }

  @Test
  void unhealthyAtOnceOnAPermanentErrorOrWhileStarting() throws Exception {
    start(Duration.ofMinutes(1));
    pipelines.put("metrics", new StatusEvent(ComponentStatus.STARTING, null, T0));
    assertThat(get().statusCode()).isEqualTo(503);
    pipelines.put("metrics", new StatusEvent(ComponentStatus.PERMANENT_ERROR, "exporter:x: bad", T0));
    assertThat(get().body()).contains("\"reason\":\"pipeline metrics: exporter:x: bad\"");
  }
}
