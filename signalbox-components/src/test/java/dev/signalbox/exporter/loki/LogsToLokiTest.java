package dev.signalbox.exporter.loki;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ScopeLogs;
import dev.signalbox.pdata.SeverityNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogsToLokiTest {
  static final long T = 1_700_000_000_000_000_000L;
  final Logs logs = new Logs();
  final ResourceLogs rl = logs.resourceLogs().addNew();
  final ScopeLogs sl = rl.scopeLogs().addNew();

  LogsToLokiTest() {
    rl.resource().attributes().put("service.name", "checkout").put("service.namespace", "shop")
        .put("service.instance.id", "pod-1").put("host.name", "h1");
    sl.scope().setName("app").setVersion("2.0");
  }

  LogRecord record(long t, String body) {
    return sl.logRecords().addNew().setTimeUnixNano(t).setBody(body);
  }

  LogsToLoki.Result translate(LokiExporterConfig c) {
    return new LogsToLoki(c, Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC)).translate(logs);
  }

  LogsToLoki.Result translate() {
    return translate(LokiExporterConfig.defaults("http://loki/"));
  }

  @Test
  void defaultLabelsAndTheCollectorsJsonLine() {
    LogRecord r = record(T, "payment failed").setSeverityNumber(SeverityNumber.ERROR).setSeverityText("ERROR")
        .setTraceId(1, 2).setSpanId(3).setFlags(1);
    r.attributes().put("order", 42L).put("amount", 9.5).put("retry", 2.0).put("tags",
        AnyValue.ofArray(List.of(AnyValue.of("a"))));

    LogsToLoki.Result out = translate();

    assertThat(out.requests()).hasSize(1);
    LogsToLoki.Request req = out.requests().get(0);
    assertThat(req.tenant()).isEmpty();
    LogsToLoki.Stream s = req.streams().get(0);
    assertThat(s.labels()).isEqualTo("{exporter=\"OTLP\", instance=\"pod-1\", job=\"shop/checkout\", level=\"ERROR\"}");
    assertThat(s.entries()).containsExactly(new LogsToLoki.Entry(T, "{\"body\":\"payment failed\","
        + "\"traceid\":\"00000000000000010000000000000002\",\"spanid\":\"0000000000000003\",\"severity\":\"ERROR\","
        + "\"flags\":1,\"attributes\":{\"amount\":9.5,\"order\":42,\"retry\":2,\"tags\":[\"a\"]},"
        + "\"resources\":{\"host.name\":\"h1\",\"service.instance.id\":\"pod-1\",\"service.name\":\"checkout\","
        + "\"service.namespace\":\"shop\"},\"instrumentation_scope\":{\"name\":\"app\",\"version\":\"2.0\"}}"));
  }

  @Test
  void hintsPromoteAttributesToNormalizedLabelsAndRemoveThem() {
    rl.resource().attributes().put("loki.resource.labels", "host.name, k8s.pod.name").put("k8s.pod.name", "p-7");
    LogRecord r = record(T, "x");
    r.attributes().put("loki.attribute.labels", AnyValue.ofArray(List.of(AnyValue.of("http.status"),
        AnyValue.of("ctx.user")))).put("http.status", 500L)
        .put("ctx", AnyValue.ofKvList(List.of(new KeyValue("user", AnyValue.of("u1"))))).put("kept", "yes");

    LogsToLoki.Stream s = translate().requests().get(0).streams().get(0);

    assertThat(s.labelMap()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("exporter", "OTLP",
        "instance", "pod-1", "job", "shop/checkout", "host_name", "h1", "k8s_pod_name", "p-7", "http_status", "500",
        "ctx_user", "u1")));
    assertThat(s.entries().get(0).line()).isEqualTo("{\"body\":\"x\",\"attributes\":{\"ctx\":{\"user\":\"u1\"},"
        + "\"kept\":\"yes\"},\"resources\":{\"service.instance.id\":\"pod-1\",\"service.name\":\"checkout\","
        + "\"service.namespace\":\"shop\"},\"instrumentation_scope\":{\"name\":\"app\",\"version\":\"2.0\"}}");
  }

  @Test
  void defaultLabelsCanBeTurnedOff() {
    record(T, "x").setSeverityNumber(SeverityNumber.WARN);

    LogsToLoki.Stream s = translate(LokiExporterConfig.defaults("http://loki/").withDefaultLabelsEnabled(Map.of(
        "exporter", false, "job", false, "level", false))).requests().get(0).streams().get(0);

    assertThat(s.labels()).isEqualTo("{instance=\"pod-1\"}");
  }

  @Test
  void tenantHintGroupsRecordsIntoRequestsAndIsALabel() {
    record(T, "a").attributes().put("loki.tenant", "team").put("team", "alpha");
    record(T + 1, "b").attributes().put("loki.tenant", "team").put("team", "beta");
    record(T + 2, "c");

    LogsToLoki.Result out = translate(LokiExporterConfig.defaults("http://loki/").withTenantId("default-tenant"));

    assertThat(out.requests()).extracting(LogsToLoki.Request::tenant, LogsToLoki.Request::records)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", 1), org.assertj.core.groups.Tuple.tuple("beta", 1),
            org.assertj.core.groups.Tuple.tuple("default-tenant", 1));
    assertThat(out.requests().get(0).streams().get(0).labelMap()).containsEntry("team", "alpha");
  }

  @Test
  void entriesAreSortedByTimeWithinAStreamAndStreamsByLabels() {
    record(T + 30, "late");
    record(T + 10, "early");
    record(T + 20, "middle").attributes().put("loki.attribute.labels", "x").put("x", "1");
    record(0, "no time").setObservedTimeUnixNano(T + 5);

    List<LogsToLoki.Stream> streams = translate().requests().get(0).streams();

    assertThat(streams).extracting(LogsToLoki.Stream::labels).isSorted();
    assertThat(streams.get(0).labelMap()).containsEntry("x", "1");
    assertThat(streams.get(1).entries()).extracting(LogsToLoki.Entry::timeNanos).containsExactly(T + 5, T + 10, T + 30);
  }

  @Test
  void formatHintsLogfmtAndRaw() {
    rl.resource().attributes().put("loki.format", "logfmt");
    LogRecord r = record(T, "level=info msg=\"cache warm\" took=3ms").setSeverityText("INFO").setSpanId(10);
    r.attributes().put("user id", "u 1");

    String line = translate().requests().get(0).streams().get(0).entries().get(0).line();

    assertThat(line).isEqualTo("level=info msg=\"cache warm\" took=3ms spanID=000000000000000a severity=INFO "
        + "attribute_user_id=\"u 1\" resource_service.name=checkout resource_service.namespace=shop "
        + "resource_service.instance.id=pod-1 resource_host.name=h1 instrumentation_scope_name=app "
        + "instrumentation_scope_version=2.0");
  }

  @Test
  void plainTextBodyIsTheMsgInLogfmtAndTheBodyInRaw() {
    LogRecord a = record(T, "disk full on /var");
    a.attributes().put("loki.format", "logfmt");
    LogRecord b = record(T + 1, "as is");
    b.attributes().put("loki.format", "raw");
    record(T + 2, "bad").attributes().put("loki.format", "xml");

    LogsToLoki.Result out = translate();

    List<LogsToLoki.Entry> entries = out.requests().get(0).streams().get(0).entries();
    assertThat(entries.get(0).line()).startsWith("msg=\"disk full on /var\" resource_service.name=checkout");
    assertThat(entries.get(1).line()).isEqualTo("as is");
    assertThat(out.dropped()).isEqualTo(1);
    assertThat(out.firstProblem()).isEqualTo("invalid format xml. Expected one of: json, logfmt, raw");
  }

  @Test
  void labelNamesFollowPrometheusRulesAndValuesAreGoQuoted() {
    assertThat(LogsToLoki.normalizeLabel("http.status-code")).isEqualTo("http_status_code");
    assertThat(LogsToLoki.normalizeLabel("2xx")).isEqualTo("key_2xx");
    assertThat(LogsToLoki.normalizeLabel("_private")).isEqualTo("key_private");
    assertThat(LogsToLoki.normalizeLabel("__meta")).isEqualTo("__meta");
    assertThat(LogsToLoki.labelText(new java.util.TreeMap<>(Map.of("a", "say \"hi\"\n\\", "b", "é\u0001"))))
        .isEqualTo("{a=\"say \\\"hi\\\"\\n\\\\\", b=\"é\\x01\"}");
  }

  @Test
  void recordsWithoutTimestampsGetTheCurrentTime() {
    record(0, "now");

    assertThat(translate().requests().get(0).streams().get(0).entries().get(0).timeNanos())
        .isEqualTo(1_800_000_000_000_000_000L);
  }
}
