package dev.signalbox.exporter.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Kind;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.sdk.prometheus.remotewrite.LabelInterner;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteChunk;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricType;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Series forwarded as they came ({@link RemoteWriteChunk}, both as the request's bytes and decoded)
 * are written as translating them into OTLP with the receiver's translation and back writes them:
 * same series (names and labels, scope and external labels, namespace), same samples (compared per
 * series in time order: forwarded series keep the order they came in), for the exporter settings
 * that forward; the differences the documentation names are pinned here too.
 */
class ForwardingDifferentialTest {
  static final long T = 1_700_000_000_000L;
  static final String SCOPE = "dev.signalbox/receiver/prometheusremotewrite";
  static final String VERSION = "0.9.0";
  static final BiConsumer<List<TimeSeries>, Metrics> NO_DECODING = (s, m) -> {
    throw new AssertionError("decoded");
  };

  /** The receiver's translation, reached by reflection (package-private in the receiver's package). */
  static final class ReceiverTranslation {
    final Object translator;
    final Method translate;
    final Method metrics;

    ReceiverTranslation() throws Exception {
      Class<?> tc = Class.forName("dev.signalbox.receiver.prometheusremotewrite.RemoteWriteTranslator");
      Constructor<?> c = tc.getDeclaredConstructor(String.class, String.class);
      c.setAccessible(true);
      translator = c.newInstance(SCOPE, VERSION);
      translate = tc.getDeclaredMethod("translate", WriteRequest.class, long.class);
      translate.setAccessible(true);
      metrics = translate.getReturnType().getDeclaredMethod("metrics");
      metrics.setAccessible(true);
    }

    Metrics translate(WriteRequest r) {
      try {
        return (Metrics) metrics.invoke(translate.invoke(translator, r, Long.MIN_VALUE));
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
    }
  }

  static TimeSeries series(String[] labels, double... valuesAndTimes) {
    List<Label> ls = new ArrayList<>();
    for (int i = 0; i < labels.length; i += 2) {
      ls.add(new Label(labels[i], labels[i + 1]));
    }
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < valuesAndTimes.length; i += 2) {
      samples.add(new Sample(valuesAndTimes[i], (long) valuesAndTimes[i + 1]));
    }
    return new TimeSeries(ls, samples, List.of());
  }

  static String[] l(String... kv) {
    return kv;
  }

  /** Series as Prometheus and node_exporter send them, in every type, two scrapes. */
  static WriteRequest request(int scrape, boolean metadata) {
    return request(scrape, metadata, false);
  }

  /** {@code canonical}: without the exemplar and the otel_scope_name series, so that the request scans. */
  static WriteRequest request(int scrape, boolean metadata, boolean canonical) {
    long t = T + scrape * 15_000L;
    List<TimeSeries> s = new ArrayList<>();
    String job = "node";
    String inst = "h1:9100";
    s.add(series(l("__name__", "node_cpu_seconds_total", "cpu", "0", "instance", inst, "job", job, "mode", "idle"),
        100.5 + scrape, t));
    s.add(series(l("__name__", "node_memory_MemFree_bytes", "instance", inst, "job", job), 1e9 - scrape, t));
    s.add(series(l("__name__", "up", "instance", inst, "job", job), 1, t));
    for (String le : new String[] {"0.005", "0.5", "1", "+Inf"}) {
      s.add(series(l("__name__", "http_request_duration_seconds_bucket", "code", "200", "instance", inst, "job", job,
          "le", le), le.equals("+Inf") ? 10 + scrape : le.equals("1") ? 8 : 3, t));
    }
    s.add(series(l("__name__", "http_request_duration_seconds_sum", "code", "200", "instance", inst, "job", job),
        4.25 + scrape, t));
    s.add(series(l("__name__", "http_request_duration_seconds_count", "code", "200", "instance", inst, "job", job),
        10 + scrape, t));
    for (String q : new String[] {"0", "0.5", "1"}) {
      s.add(series(l("__name__", "go_gc_duration_seconds", "instance", inst, "job", job, "quantile", q), 0.001, t));
    }
    s.add(series(l("__name__", "go_gc_duration_seconds_sum", "instance", inst, "job", job), 0.5, t));
    s.add(series(l("__name__", "go_gc_duration_seconds_count", "instance", inst, "job", job), 40 + scrape, t));
    s.add(series(l("__name__", "job:requests:rate5m", "job", "ns/app"), 2.5, t)); // recording rule, job with a slash
    s.add(series(l("__name__", "temperature_celsius", "instance", "h2", "job", "sensors", "room", "k\u00fcche"),
        21.5, t, 21.75, t + 5000)); // two samples of one series in one request
    s.add(series(l("__name__", "gone", "instance", inst, "job", job),
        Double.longBitsToDouble(Sample.STALE_NAN_BITS), t)); // a staleness marker
    // two series that only their own otel_scope_name tells apart: with scope labels on, both are
    // written as one series (the exporter's scope wins), in time order
    if (!canonical) {
      s.add(series(l("__name__", "lib_calls_total", "job", job, "otel_scope_name", "b"), 3 + scrape, t + 2));
      s.add(series(l("__name__", "lib_calls_total", "job", job, "otel_scope_name", "a"), 2 + scrape, t + 1));
    }
    s.add(series(l("__name__", "requests_total", "instance", inst, "job", job, "path", "/a"), 7 + scrape, t));
    if (canonical) {
      return new WriteRequest(s, List.of());
    }
    List<TimeSeries> withExemplar = new ArrayList<>(s);
    TimeSeries last = s.get(s.size() - 1);
    withExemplar.set(s.size() - 1, new TimeSeries(last.labels(), last.samples(),
        List.of(new Exemplar(List.of(new Label("trace_id", "0af7651916cd43dd8448eb211c80319c")), 1, t - 10))));
    List<MetricMetadata> md = metadata ? List.of(
        new MetricMetadata(MetricType.values()[1], "node_cpu_seconds_total", "CPU seconds", ""),
        new MetricMetadata(MetricType.values()[2], "node_memory_MemFree_bytes", "free memory", ""),
        new MetricMetadata(MetricType.values()[3], "http_request_duration_seconds", "latency", ""),
        new MetricMetadata(MetricType.values()[5], "go_gc_duration_seconds", "gc", "")) : List.of();
    return new WriteRequest(withExemplar, md);
  }

  static PrometheusRemoteWriteExporterConfig config(String namespace, Map<String, String> external, boolean targetInfo,
      boolean disableScopeInfo) {
    return config(namespace, external, targetInfo, disableScopeInfo, true);
  }

  static PrometheusRemoteWriteExporterConfig config(String namespace, Map<String, String> external, boolean targetInfo,
      boolean disableScopeInfo, boolean addMetricSuffixes) {
    var d = PrometheusRemoteWriteExporterConfig.defaults("http://127.0.0.1:9/api/v1/write");
    return new PrometheusRemoteWriteExporterConfig(d.client(), d.retryOnFailure(), namespace, d.remoteWriteQueue(),
        external, d.maxBatchSizeBytes(), 0, d.resourceToTelemetryConversion(),
        new PrometheusRemoteWriteExporterConfig.TargetInfo(targetInfo), disableScopeInfo, addMetricSuffixes,
        false, null);
  }

  /** Series (labels as text) → samples (time and value bits) written by {@code bodies}. */
  static Map<String, List<String>> written(byte[][] bodies) throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    for (byte[] b : bodies) {
      for (TimeSeries t : RemoteWriteCodec.decodeCompressed(b, 1 << 24).timeseries()) {
        List<String> samples = out.computeIfAbsent(t.labels().toString(), k -> new ArrayList<>());
        t.samples().forEach(x -> samples.add(x.timestampMillis() + ":" + Long.toHexString(
            Double.doubleToRawLongBits(x.value()))));
        t.exemplars().forEach(x -> samples.add("exemplar " + x.labels() + " " + x.value() + " " + x.timestampMillis()));
      }
    }
    out.values().forEach(java.util.Collections::sort); // forwarded: as they came; the round trip: in time order
    return out;
  }

  @Test
  void forwardedSeriesAreWhatTheRoundTripThroughOtlpWrites() throws Exception {
    for (var config : List.of(
        config("", Map.of(), true, false),
        config("ns", Map.of("cluster", "c1", "job", "not-this-one"), true, false),
        config("", Map.of("cluster", "c1"), false, true),
        config("ns", Map.of(), true, false, false))) {
      for (boolean metadata : new boolean[] {true, false}) {
        ReceiverTranslation receiver = new ReceiverTranslation();
        var exporter = new PrometheusRemoteWriteExporter(
            ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")), config);
        LabelInterner interner = new LabelInterner();
        AtomicInteger decoded = new AtomicInteger();
        BiConsumer<List<TimeSeries>, Metrics> decoder = (s, into) -> {
          decoded.incrementAndGet();
          into.append(receiver.translate(new WriteRequest(s, List.of())));
        };
        for (int scrape = 0; scrape < 3; scrape++) { // again and again: labels remembered per series
          WriteRequest sent = request(scrape, metadata);
          // as the receiver gets it: decoded through its interner
          byte[] bytes = RemoteWriteCodec.encode(sent);
          WriteRequest req = RemoteWriteCodec.decode(bytes, 0, bytes.length, interner);
          Metrics decodedForm = Metrics.fromNative(RemoteWriteChunk.decoded(req.timeseries(), req.sampleCount(), SCOPE,
              VERSION, decoder));
          String what = "namespace '" + config.namespace() + "', external " + config.externalLabels() + ", target_info "
              + config.targetInfo().enabled() + ", scope labels " + !config.disableScopeInfo() + ", suffixes "
              + config.addMetricSuffixes() + ", metadata " + metadata + ", scrape " + scrape;
          assertThat(written(exporter.requestBodies(decodedForm))).as("decoded form: " + what)
              .isEqualTo(written(exporter.requestBodies(receiver.translate(req))));
          // the same series as their bytes
          WriteRequest canonical = request(scrape, false, true);
          RemoteWriteChunk encoded = RemoteWriteChunk.scan(RemoteWriteCodec.encode(canonical), Long.MIN_VALUE, SCOPE,
              VERSION, decoder);
          assertThat(encoded).isNotNull();
          assertThat(encoded.isEncoded()).isTrue();
          assertThat(written(exporter.requestBodies(Metrics.fromNative(encoded)))).as("encoded form: " + what)
              .isEqualTo(written(exporter.requestBodies(receiver.translate(canonical))));
          assertThat(decoded).as("forwarded without translation: " + what).hasValue(0);
        }
      }
    }
  }

  @Test
  void targetInfoIsForwardedAsSentWhereTheRoundTripWritesItPerResource() throws Exception {
    var config = config("ns", Map.of("cluster", "c1"), true, false);
    var exporter = new PrometheusRemoteWriteExporter(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")), config);
    TimeSeries info = series(l("__name__", "target_info", "host_name", "h1", "instance", "h1:9100", "job", "node"), 1,
        T);
    TimeSeries up = series(l("__name__", "up", "instance", "h1:9100", "job", "node"), 1, T + 1000);
    for (Metrics forwarded : List.of(
        Metrics.fromNative(RemoteWriteChunk.decoded(List.of(info, up), 2, SCOPE, VERSION, NO_DECODING)),
        Metrics.fromNative(RemoteWriteChunk.scan(RemoteWriteCodec.encode(new WriteRequest(List.of(info, up),
            List.of())), Long.MIN_VALUE, SCOPE, VERSION, NO_DECODING)))) {
    assertThat(written(exporter.requestBodies(forwarded))).containsOnlyKeys(
        "[Label[name=__name__, value=ns_up], Label[name=cluster, value=c1], Label[name=instance, value=h1:9100], "
            + "Label[name=job, value=node], Label[name=otel_scope_name, value=" + SCOPE + "], "
            + "Label[name=otel_scope_version, value=" + VERSION + "]]",
        "[Label[name=__name__, value=target_info], Label[name=cluster, value=c1], Label[name=host_name, value=h1], "
            + "Label[name=instance, value=h1:9100], Label[name=job, value=node]]");
    // the round trip stamps target_info with the latest time of its resource's points (T + 1000);
    // forwarded, it keeps its own
    assertThat(written(exporter.requestBodies(forwarded)).values()).contains(List.of(T + ":3ff0000000000000"));

    var noInfo = new PrometheusRemoteWriteExporter(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")),
        config("", Map.of(), false, true));
    assertThat(written(noInfo.requestBodies(forwarded))).containsOnlyKeys(
        "[Label[name=__name__, value=up], Label[name=instance, value=h1:9100], Label[name=job, value=node]]");
    }
  }

  @Test
  void labelValuesAreKeptAsSentWhereTheRoundTripRewritesThem() throws Exception {
    var exporter = new PrometheusRemoteWriteExporter(
        ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("prometheusremotewrite")),
        config("", Map.of(), true, true));
    List<TimeSeries> s = new ArrayList<>();
    for (String le : new String[] {"1.0", "+Inf"}) {
      s.add(series(l("__name__", "d_bucket", "job", "j", "le", le), 5, T));
    }
    s.add(series(l("__name__", "d_count", "job", "j"), 5, T));
    s.add(series(l("__name__", "d_sum", "job", "j"), 2, T));
    WriteRequest req = new WriteRequest(s, List.of());
    for (Metrics forwarded : List.of(Metrics.fromNative(RemoteWriteChunk.decoded(s, 4, SCOPE, VERSION, NO_DECODING)),
        Metrics.fromNative(RemoteWriteChunk.scan(RemoteWriteCodec.encode(req), Long.MIN_VALUE, SCOPE, VERSION,
            NO_DECODING)))) {
      assertThat(written(exporter.requestBodies(forwarded)).keySet())
          .contains("[Label[name=__name__, value=d_bucket], Label[name=job, value=j], Label[name=le, value=1.0]]");
    }
    assertThat(written(exporter.requestBodies(new ReceiverTranslation().translate(req))).keySet())
        .contains("[Label[name=__name__, value=d_bucket], Label[name=job, value=j], Label[name=le, value=1]]");
  }
}
