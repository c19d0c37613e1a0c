package dev.signalbox.sdk.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcConfigTest {

  private static List<String> problems(ConfigBlock block) {
    Problems p = new Problems();
    block.validate(p);
    return p.all().stream().map(Problems.Problem::toString).toList();
  }

  @Test
  void serverDefaultsAreTheCollectors() {
    GrpcServerConfig d = GrpcServerConfig.defaults();
    assertThat(d).isEqualTo(new GrpcServerConfig("", "tcp", null, 4, 0, ByteSize.ofBytes(0), ByteSize.ofBytes(0),
        new GrpcServerConfig.Keepalive(
            new GrpcServerConfig.ServerParameters(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO),
            new GrpcServerConfig.EnforcementPolicy(Duration.ZERO, false)),
        false));
    assertThat(d.effectiveMaxRecvMsgSize()).isEqualTo(4 << 20);
    assertThat(d.withMaxRecvMsgSizeMib(0).effectiveMaxRecvMsgSize()).isEqualTo(4 << 20);
    assertThat(GrpcServerConfig.defaults("localhost:4317").listenAddresses()).containsExactly("localhost:4317");
  }

  @Test
  void serverValidationNamesKeys() {
    var bad = new GrpcServerConfig("", "unix", null, 4096, -1, null, null, null, false);
    assertThat(problems(bad)).containsExactly(
        "endpoint: must be set, e.g. localhost:4317",
        "transport: unsupported transport \"unix\"; only tcp is supported",
        "max_recv_msg_size_mib: invalid max_recv_msg_size_mib value, must be between 1 and 2047: 4096",
        "max_concurrent_streams: must not be negative");
    assertThat(problems(new GrpcServerConfig.ServerParameters(Duration.ofSeconds(-1), null, null, null, null)))
        .containsExactly("max_connection_idle: must not be negative");
    assertThat(problems(GrpcServerConfig.defaults(":4317"))).isEmpty();
  }

  @Test
  void clientDefaultsAreTheCollectorsAsItsOtlpExporterLeavesThem() {
    GrpcClientConfig d = GrpcClientConfig.defaults();
    assertThat(d).isEqualTo(new GrpcClientConfig("", "", TlsClientConfig.defaults(), Map.of(), null,
        ByteSize.ofBytes(0), ByteSize.ofBytes(0), false, "round_robin", "", ""));
    assertThat(d.effectiveCompression()).isNull();
    assertThat(GrpcClientConfig.Keepalive.defaults())
        .isEqualTo(new GrpcClientConfig.Keepalive(Duration.ofSeconds(10), Duration.ofSeconds(10), false));
  }

  @Test
  void resolvesTheEndpointForms() {
    var plain = TlsClientConfig.plaintext();
    assertThat(GrpcClientConfig.defaults("otel:4317").target())
        .isEqualTo(new GrpcClientConfig.Target("dns:///otel:4317", "otel:4317", false));
    assertThat(GrpcClientConfig.defaults("otel:4317").withTls(plain).target().plaintext()).isTrue();
    assertThat(GrpcClientConfig.defaults("http://otel:4317").target())
        .isEqualTo(new GrpcClientConfig.Target("dns:///otel:4317", "otel:4317", true));
    assertThat(GrpcClientConfig.defaults("https://otel:4317").withTls(plain).target())
        .isEqualTo(new GrpcClientConfig.Target("dns:///otel:4317", "otel:4317", false));
    assertThat(GrpcClientConfig.defaults("dns:///otel:4317").target())
        .isEqualTo(new GrpcClientConfig.Target("dns:///otel:4317", "otel:4317", false));
    assertThat(GrpcClientConfig.defaults("[::1]:4317").target().uri()).isEqualTo("dns:///[::1]:4317");
  }

  @Test
  void clientValidationNamesKeys() {
    assertThat(problems(GrpcClientConfig.defaults())).containsExactly("endpoint: must be set, e.g. otel.example.com:4317");
    assertThat(problems(GrpcClientConfig.defaults("unix:///tmp/s.sock")))
        .containsExactly("endpoint: unix sockets are not supported");
    assertThat(problems(GrpcClientConfig.defaults("https://otel:4317/v1/traces")))
        .containsExactly("endpoint: invalid endpoint \"https://otel:4317/v1/traces\": expected host:port, with no path");
    assertThat(problems(GrpcClientConfig.defaults("otel:http")))
        .containsExactly("endpoint: invalid address \"otel:http\": invalid port \"http\"");
    assertThat(problems(GrpcClientConfig.defaults("otel:4317").withCompression("zlib")))
        .containsExactly("compression: unsupported compression type \"zlib\"; use gzip, zstd, snappy or none");
    assertThat(problems(GrpcClientConfig.defaults("otel:4317").withHeaders(Map.of("bad key", Secret.of("v")))))
        .containsExactly("headers: invalid gRPC metadata key \"bad key\"");
    for (String c : List.of("gzip", "zstd", "snappy", "none", "")) {
      assertThat(problems(GrpcClientConfig.defaults("otel:4317").withCompression(c))).as(c).isEmpty();
    }
    var pickFirst = new GrpcClientConfig("otel:4317", "", null, null, null, null, null, false, "pick_first", "", "");
    assertThat(problems(pickFirst)).isEmpty();
  }

  @Test
  void headersNeverShowInToString() {
    var c = GrpcClientConfig.defaults("otel:4317").withHeaders(Map.of("authorization", Secret.of("Bearer s3cret")));
    assertThat(c.toString()).doesNotContain("s3cret");
  }
}
