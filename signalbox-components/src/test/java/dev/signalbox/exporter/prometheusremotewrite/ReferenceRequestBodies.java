package dev.signalbox.exporter.prometheusremotewrite;

import dev.signalbox.pdata.Metrics;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import dev.signalbox.sdk.prometheus.translate.SampleSink;
import dev.signalbox.sdk.prometheus.translate.TranslationStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the exporter made its request bodies before its hot path was made cheaper (the dry run,
 * {@code translate(data, false)}), kept unchanged as the reference
 * {@code RequestBodiesDifferentialTest} compares the exporter with.
 */
final class ReferenceRequestBodies {
  private ReferenceRequestBodies() {}

  static byte[][] of(Metrics data, OtlpToPrometheus translator, int maxRequestBytes, boolean sendMetadata) {
    TranslationStats stats = new TranslationStats();
    Map<List<Label>, SeriesBuilder> series = new LinkedHashMap<>();
    Map<String, MetricMetadata> metadata = sendMetadata ? new LinkedHashMap<>() : null;
    SampleSink sink = (family, labels, value, ts, exemplars) -> {
      SeriesBuilder b = series.get(labels);
      if (b == null) {
        b = new SeriesBuilder(labels);
        series.put(labels, b);
      }
      b.add(value, ts, exemplars);
      if (metadata != null) {
        metadata.putIfAbsent(family.name(), new MetricMetadata(family.type().remoteWriteType(), family.name(),
            family.help(), family.unit()));
      }
    };
    translator.translate(data, sink, stats);
    List<byte[]> bodies = new ArrayList<>();
    List<TimeSeries> current = new ArrayList<>();
    int currentBytes = 0;
    for (SeriesBuilder b : series.values()) {
      TimeSeries ts = b.build();
      int size = RemoteWriteCodec.encodedSize(ts);
      if (!current.isEmpty() && currentBytes + size > maxRequestBytes) {
        bodies.add(RemoteWriteCodec.encodeCompressed(new WriteRequest(current, List.of())));
        current = new ArrayList<>();
        currentBytes = 0;
      }
      current.add(ts);
      currentBytes += size;
    }
    if (!current.isEmpty()) {
      bodies.add(RemoteWriteCodec.encodeCompressed(new WriteRequest(current, List.of())));
    }
    if (metadata != null && !metadata.isEmpty()) {
      List<MetricMetadata> md = new ArrayList<>();
      int bytes = 0;
      for (MetricMetadata m : metadata.values()) {
        int size = 16 + m.metricFamilyName().length() + m.help().length() + m.unit().length();
        if (!md.isEmpty() && bytes + size > maxRequestBytes) {
          bodies.add(RemoteWriteCodec.encodeCompressed(new WriteRequest(List.of(), md)));
          md = new ArrayList<>();
          bytes = 0;
        }
        md.add(m);
        bytes += size;
      }
      bodies.add(RemoteWriteCodec.encodeCompressed(new WriteRequest(List.of(), md)));
    }
    return bodies.toArray(byte[][]::new);
  }

  private static final class SeriesBuilder {
    final List<Label> labels;
    final ArrayList<Sample> samples = new ArrayList<>(1);
    List<Exemplar> exemplars = List.of();
    boolean sorted = true;

    SeriesBuilder(List<Label> labels) {
      this.labels = labels;
    }

    void add(double value, long ts, List<Exemplar> ex) {
      if (!samples.isEmpty() && samples.get(samples.size() - 1).timestampMillis() >= ts) {
        sorted = false;
      }
      samples.add(new Sample(value, ts));
      if (!ex.isEmpty()) {
        if (exemplars.isEmpty()) {
          exemplars = new ArrayList<>(ex);
        } else {
          exemplars.addAll(ex);
        }
      }
    }

    TimeSeries build() {
      if (!sorted) {
        samples.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
        ArrayList<Sample> unique = new ArrayList<>(samples.size());
        for (Sample s : samples) {
          if (!unique.isEmpty() && unique.get(unique.size() - 1).timestampMillis() == s.timestampMillis()) {
            unique.set(unique.size() - 1, s);
          } else {
            unique.add(s);
          }
        }
        return new TimeSeries(labels, unique, exemplars);
      }
      return new TimeSeries(labels, samples, exemplars);
    }
  }
}
