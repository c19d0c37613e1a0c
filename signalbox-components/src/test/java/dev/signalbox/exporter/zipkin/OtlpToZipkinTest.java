package dev.signalbox.exporter.zipkin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.ResourceSpans;
import dev.signalbox.pdata.ScopeSpans;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.SpanKind;
import dev.signalbox.pdata.StatusCode;
import dev.signalbox.pdata.Traces;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import zipkin2.Endpoint;

class OtlpToZipkinTest {
  static final long START = 1_700_000_000_123_456_789L;
  final OtlpToZipkin translator = new OtlpToZipkin("fallback-svc");

  Traces traces;
  ResourceSpans rs;
  ScopeSpans ss;

  OtlpToZipkinTest() {
    traces = new Traces();
    rs = traces.resourceSpans().addNew();
    ss = rs.scopeSpans().addNew();
  }

  Span span() {
    return ss.spans().addNew().setTraceId(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L).setSpanId(0x00f067aa0ba902b7L)
        .setName("get /x").setStartTimeUnixNano(START).setEndTimeUnixNano(START + 1_500_000);
  }

  zipkin2.Span only() {
    OtlpToZipkin.Result r = translator.translate(traces);
    assertThat(r.invalid()).isZero();
    assertThat(r.spans()).hasSize(1);
    return r.spans().get(0);
  }

  @Test
  void mapsIdsNameTimesAndServiceOfAServerSpan() {
    rs.resource().attributes().put("service.name", "Checkout").put("host.name", "h1").put("telemetry.sdk.language", "java");
    ss.scope().setName("io.opentelemetry.http").setVersion("2.1");
    span().setParentSpanId(0x1122334455667788L).setKind(SpanKind.SERVER).attributes().put("http.method", "GET")
        .put("http.status_code", 200L);

    zipkin2.Span z = only();

    assertThat(z.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(z.id()).isEqualTo("00f067aa0ba902b7");
    assertThat(z.parentId()).isEqualTo("1122334455667788");
    assertThat(z.name()).isEqualTo("get /x");
    assertThat(z.kind()).isEqualTo(zipkin2.Span.Kind.SERVER);
    assertThat(z.timestampAsLong()).isEqualTo(1_700_000_000_123_456L);
    assertThat(z.durationAsLong()).isEqualTo(1500);
    assertThat(z.localEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("checkout").build());
    assertThat(z.remoteEndpoint()).isNull();
    assertThat(z.shared()).isNull();
    assertThat(z.tags()).containsExactlyInAnyOrderEntriesOf(Map.of("host.name", "h1", "telemetry.sdk.language", "java",
        "otel.scope.name", "io.opentelemetry.http", "otel.scope.version", "2.1", "http.method", "GET",
        "http.status_code", "200"));
  }

  @Test
  void writes64BitTraceIdsAs16HexDigits() {
    ss.spans().addNew().setTraceId(0, 0xa3ce929d0e0e4736L).setSpanId(1).setName("x").setStartTimeUnixNano(START);

    assertThat(only().traceId()).isEqualTo("a3ce929d0e0e4736");
  }

  @Test
  void spansWithoutIdsAreCountedNotSent() {
    span();
    ss.spans().addNew().setSpanId(5).setName("no-trace");
    ss.spans().addNew().setTraceId(1, 2).setName("no-span");

    OtlpToZipkin.Result r = translator.translate(traces);

    assertThat(r.spans()).hasSize(1);
    assertThat(r.invalid()).isEqualTo(2);
    assertThat(r.firstProblem()).isEqualTo("span \"no-trace\" has no trace id");
  }

  @Test
  void internalSpansHaveNoKindAndASpanKindTag() {
    span().setKind(SpanKind.INTERNAL);

    zipkin2.Span z = only();

    assertThat(z.kind()).isNull();
    assertThat(z.tags()).containsEntry("span.kind", "internal");
  }

  @Test
  void kindsMapOneToOne() {
    span().setKind(SpanKind.CLIENT);
    span().setSpanId(2).setKind(SpanKind.PRODUCER);
    span().setSpanId(3).setKind(SpanKind.CONSUMER);
    span().setSpanId(4).setKind(SpanKind.UNSPECIFIED);

    List<zipkin2.Span> z = translator.translate(traces).spans();

    assertThat(z).extracting(zipkin2.Span::kind).containsExactly(zipkin2.Span.Kind.CLIENT,
        zipkin2.Span.Kind.PRODUCER, zipkin2.Span.Kind.CONSUMER, null);
    assertThat(z.get(3).tags()).doesNotContainKey("span.kind");
  }

  @Test
  void errorStatusSetsErrorTagWithTheDescriptionAndTheOtelTags() {
    span().setStatus(StatusCode.ERROR, "connection refused");

    assertThat(only().tags()).containsEntry("error", "connection refused").containsEntry("otel.status_code", "ERROR")
        .containsEntry("otel.status_description", "connection refused");
  }

  @Test
  void errorStatusWithoutDescriptionSetsErrorTrue() {
    span().setStatus(StatusCode.ERROR, "");

    assertThat(only().tags()).containsEntry("error", "true").containsEntry("otel.status_code", "ERROR")
        .doesNotContainKey("otel.status_description");
  }

  @Test
  void okStatusRemovesAnErrorAttributeAndUnsetWritesNothing() {
    span().setStatus(StatusCode.OK, "").attributes().put("error", false);
    span().setSpanId(9).attributes().put("error", "false");

    List<zipkin2.Span> z = translator.translate(traces).spans();

    assertThat(z.get(0).tags()).containsEntry("otel.status_code", "OK").doesNotContainKey("error");
    assertThat(z.get(1).tags()).doesNotContainKeys("otel.status_code", "error");
  }

  @Test
  void clientSpanRemoteEndpointFromPeerServiceAndPeerAddress() {
    span().setKind(SpanKind.CLIENT).attributes().put("peer.service", "Payments")
        .put("network.peer.address", "10.1.2.3").put("network.peer.port", 8443L).put("server.address", "pay.internal");

    zipkin2.Span z = only();

    assertThat(z.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("payments").ip("10.1.2.3").port(8443)
        .build());
    assertThat(z.tags()).doesNotContainKeys("peer.service", "network.peer.address", "network.peer.port")
        .containsEntry("server.address", "pay.internal");
  }

  @Test
  void clientSpanRemoteServiceFallsBackByTheSpecificationsRank() {
    span().setKind(SpanKind.CLIENT).attributes().put("db.name", "orders").put("net.peer.name", "db.internal")
        .put("net.peer.ip", "2001:db8::1").put("net.peer.port", "5432");

    zipkin2.Span z = only();

    assertThat(z.remoteEndpoint().serviceName()).isEqualTo("db.internal");
    assertThat(z.remoteEndpoint().ipv6()).isEqualTo("2001:db8::1");
    assertThat(z.remoteEndpoint().portAsInt()).isEqualTo(5432);
    assertThat(z.tags()).containsEntry("net.peer.name", "db.internal").containsEntry("db.name", "orders")
        .doesNotContainKeys("net.peer.ip", "net.peer.port");
  }

  @Test
  void serverSpanTakesOnlyPeerServiceAndThePeerAddressNotItsOwnServerAddress() {
    span().setKind(SpanKind.SERVER).attributes().put("server.address", "me.example.com")
        .put("net.sock.peer.addr", "192.168.0.9");

    zipkin2.Span z = only();

    assertThat(z.remoteEndpoint()).isEqualTo(Endpoint.newBuilder().ip("192.168.0.9").build());
    assertThat(z.tags()).containsEntry("server.address", "me.example.com");
  }

  @Test
  void localEndpointAddressFromNetworkLocalAttributes() {
    rs.resource().attributes().put("service.name", "svc");
    span().attributes().put("network.local.address", "127.0.0.1").put("network.local.port", 9411L);

    zipkin2.Span z = only();

    assertThat(z.localEndpoint()).isEqualTo(Endpoint.newBuilder().serviceName("svc").ip("127.0.0.1").port(9411).build());
    assertThat(z.tags()).doesNotContainKeys("network.local.address", "network.local.port");
  }

  @Test
  void serviceNameFallsBackToFaasNameThenDefault() {
    rs.resource().attributes().put("faas.name", "resize");
    span();
    ResourceSpans other = traces.resourceSpans().addNew();
    other.scopeSpans().addNew().spans().addNew().setTraceId(1, 1).setSpanId(1).setName("x").setStartTimeUnixNano(START);

    List<zipkin2.Span> z = translator.translate(traces).spans();

    assertThat(z.get(0).localServiceName()).isEqualTo("resize");
    assertThat(z.get(0).tags()).containsEntry("otlp.service.name.source", "faas.name").doesNotContainKey("faas.name");
    assertThat(z.get(1).localServiceName()).isEqualTo("fallback-svc");
  }

  @Test
  void eventsBecomeAnnotationsInTheCollectorsFormat() {
    Span s = span();
    s.events().addNew().setTimeUnixNano(START + 1000).setName("cache miss");
    var e = s.events().addNew().setTimeUnixNano(START + 2000).setName("exception");
    e.attributes().put("exception.type", "IOException").put("retry", 2L).put("fatal", false);
    e.setDroppedAttributesCount(1);

    zipkin2.Span z = only();

    assertThat(z.annotations()).extracting(a -> a.timestamp() + " " + a.value()).containsExactly(
        "1700000000123457 cache miss",
        "1700000000123458 exception|{\"exception.type\":\"IOException\",\"fatal\":false,\"retry\":2}|1");
  }

  @Test
  void linksTraceStateAndDroppedCountsBecomeTags() {
    Span s = span().setTraceState("rojo=00f067aa0ba902b7").setDroppedAttributesCount(3).setDroppedEventsCount(1);
    s.links().addNew().setTraceId(0x0102030405060708L, 0x090a0b0c0d0e0f10L).setSpanId(0x1112131415161718L)
        .setTraceState("a=b").attributes().put("k", "v");

    assertThat(only().tags()).containsEntry("w3c.tracestate", "rojo=00f067aa0ba902b7")
        .containsEntry("otlp.link.0", "0102030405060708090a0b0c0d0e0f10|1112131415161718|a=b|{\"k\":\"v\"}|0")
        .containsEntry("otel.dropped_attributes_count", "3").containsEntry("otel.dropped_events_count", "1")
        .doesNotContainKey("otel.dropped_links_count");
  }

  @Test
  void sharedIsRestoredOnlyForServerSpansThatCameThroughTheReceiver() {
    span().setKind(SpanKind.SERVER).attributes().put("otel.zipkin.shared", true);
    span().setSpanId(2).setKind(SpanKind.SERVER).setFlags(0x300); // remote parent, but not shared
    span().setSpanId(3).setKind(SpanKind.CLIENT).attributes().put("otel.zipkin.shared", true);

    List<zipkin2.Span> z = translator.translate(traces).spans();

    assertThat(z).extracting(zipkin2.Span::shared).containsExactly(true, null, null);
    assertThat(z.get(0).tags()).doesNotContainKey("otel.zipkin.shared");
    assertThat(z.get(2).tags()).doesNotContainKey("otel.zipkin.shared");
  }

  @Test
  void absentStartTimeMarkerLeavesTheTimestampOut() {
    span().setStartTimeUnixNano(0).setEndTimeUnixNano(7_000).attributes()
        .put("otel.zipkin.absentField.startTime", true);

    zipkin2.Span z = only();

    assertThat(z.timestamp()).isNull();
    assertThat(z.durationAsLong()).isEqualTo(7);
    assertThat(z.tags()).doesNotContainKey("otel.zipkin.absentField.startTime");
  }

  @Test
  void listAndMapAttributesBecomeJson() {
    span().attributes().put("ids", AnyValue.ofArray(List.of(AnyValue.of(1L), AnyValue.of("x"))))
        .put("ratio", 0.25);

    assertThat(only().tags()).containsEntry("ids", "[1,\"x\"]").containsEntry("ratio", "0.25");
  }

  @Test
  void subMicrosecondSpansLastOneMicrosecond() {
    span().setEndTimeUnixNano(START + 300);

    assertThat(only().durationAsLong()).isEqualTo(1);
  }
}
