package dev.signalbox.exporter.prometheusremotewrite;

import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.httpcommon.HttpPushExporter;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NativeChunk;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.exporterhelper.TimeoutConfig;
import dev.signalbox.sdk.http.HttpSender;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteChunk;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.prometheus.translate.Family;
import dev.signalbox.sdk.prometheus.translate.FamilyType;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import dev.signalbox.sdk.prometheus.translate.SampleSink;
import dev.signalbox.sdk.prometheus.translate.TranslationStats;
import dev.signalbox.sdk.proto.ProtoWriter;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code prometheusremotewrite} exporter: translates each batch with {@link OtlpToPrometheus},
 * groups the samples by series (in time order), splits the series into requests of at most
 * {@code max_batch_size_bytes} and POSTs each as remote write 1.0. See the package comment.
 */
final class PrometheusRemoteWriteExporter extends HttpPushExporter<Metrics> {
  /** Batches whose sending progress is remembered for their retries. */
  private static final int MAX_PENDING = 8;
  private static final int ERROR_SNIPPET = 256;

  private final PrometheusRemoteWriteExporterConfig config;
  private final OtlpToPrometheus translator;
  /** Headers of every request besides the configured ones (Content-Type goes separately). */
  private final Map<String, String> headers;
  private final int maxRequestBytes;
  private final int parallelism;
  /**
   * Whether series that came by remote write are written on as they came ({@link RemoteWriteChunk}):
   * not with send_metadata (their families are not known) or resource_to_telemetry_conversion
   * (their resource is), which need the OTLP translation.
   */
  private final boolean forwarding;
  /** How forwarded series of the receiver's scope are written (one scope in practice). */
  private volatile ForwardedSeriesWriter writer;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  /** The latest time sent per target_info series: an older one would be refused as out of order. */
  private final Map<List<Label>, Long> targetInfoSent = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_TARGET_INFO = 10_000;
  /** Sends the requests of one split batch {@code parallelism} at a time; null for one at a time. */
  private final ExecutorService senders;

  /** A translated batch: its request bodies and which were sent, kept across retries of the batch. */
  private static final class Pending {
    final WeakReference<Metrics> batch;
    final byte[][] bodies;
    final boolean[] sent;
    final TranslationStats stats;

    Pending(Metrics batch, byte[][] bodies, TranslationStats stats) {
      this.batch = new WeakReference<>(batch);
      this.bodies = bodies;
      this.sent = new boolean[bodies.length];
      this.stats = stats;
    }
  }

  PrometheusRemoteWriteExporter(ComponentSettings settings, PrometheusRemoteWriteExporterConfig config) {
    // bodies are snappy already: the client's own compression is off
    super(settings, Signal.METRICS, config.client().withCompression(""), config.queueConfig(), config.retryOnFailure(),
        new TimeoutConfig(config.client().timeout()), forwards(config)
            ? Capabilities.NON_MUTATING.withNativeFormats(Set.of(RemoteWriteChunk.FORMAT)) : Capabilities.NON_MUTATING);
    this.config = config;
    this.translator = new OtlpToPrometheus(config.translationSettings());
    this.headers = Map.of("Content-Encoding", RemoteWriteCodec.CONTENT_ENCODING,
        RemoteWriteCodec.VERSION_HEADER, RemoteWriteCodec.VERSION,
        "User-Agent", "signalbox/" + settings.buildInfo().version());
    this.maxRequestBytes = config.effectiveMaxBatchSizeBytes();
    this.parallelism = config.effectiveParallelism();
    this.forwarding = forwards(config);
    this.senders = parallelism > 1
        ? Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("prw-" + settings.id() + "-", 0).factory())
        : null;
  }

  private static boolean forwards(PrometheusRemoteWriteExporterConfig config) {
    return !config.sendMetadata() && !config.resourceToTelemetryConversion().enabled();
  }

  @Override
  protected String sending() {
    return "remote write 1.0";
  }

  @Override
  protected void stopped() {
    if (senders != null) {
      senders.shutdownNow();
    }
    synchronized (pending) {
      pending.clear();
    }
  }

  // ---- push -------------------------------------------------------------------------------------

  @Override
  protected void push(Context ctx, Metrics data, Deadline deadline, HttpSender c) throws ConsumeException {
    Pending p = pendingFor(data);
    if (p == null) {
      p = translate(data, true);
      if (p.bodies.length > 0) {
        remember(p);
      }
    }
    send(c, p);
    forget(p);
    TranslationStats stats = p.stats;
    long dropped = stats.droppedTotal();
    if (dropped > 0) {
      throw new PermanentException("dropped " + dropped + " metric points that remote write cannot carry: "
          + stats.describeDropped() + "; Prometheus series are cumulative (convert deltas before this exporter, or "
          + "use the prometheus exporter, which accumulates them), exponential histograms need native histograms",
          null, (int) Math.min(Integer.MAX_VALUE, dropped));
    }
  }

  /**
   * Translates {@code data} into request bodies (snappy-compressed), split by size;
   * {@code forSending}: remember the target_info times sent (false for a dry run).
   */
  Pending translate(Metrics data, boolean forSending) {
    TranslationStats stats = new TranslationStats();
    List<NativeChunk<Metrics>> chunks = forwarding ? data.nativeChunks(RemoteWriteChunk.FORMAT) : null;
    if (chunks != null) {
      return new Pending(data, forward(chunks), stats);
    }
    // Sized for a series per data point (the common case: a batch holds each series once or twice),
    // so that the map never rehashes while it fills.
    Map<List<Label>, SeriesBuilder> series = LinkedHashMap.newLinkedHashMap(data.itemCount());
    Map<String, MetricMetadata> metadata = config.sendMetadata() ? new LinkedHashMap<>() : null;
    SampleSink sink = (family, labels, value, ts, exemplars) -> {
      if (family.type() == FamilyType.INFO && forSending && !newerTargetInfo(labels, ts)) {
        return; // already sent at this time or later: its value is always 1
      }
      series.computeIfAbsent(labels, SeriesBuilder::new).add(value, ts, exemplars); // one hash, one probe
      if (metadata != null) {
        metadata.putIfAbsent(family.name(), metadata(family));
      }
    };
    translator.translate(data, sink, stats);
    return new Pending(data, requests(series.values().toArray(SeriesBuilder[]::new), metadata), stats);
  }

  /**
   * The request bodies (snappy-compressed) for {@code all} series, split by size, then for
   * {@code metadata} (may be null).
   */
  private byte[][] requests(SeriesBuilder[] all, Map<String, MetricMetadata> metadata) {
    List<byte[]> bodies = new ArrayList<>();
    // Every series is encoded once, back to front, into one buffer: a request is a run of
    // consecutive series, and its body (a WriteRequest of only timeseries fields) is the slice of
    // the buffer they occupy, so the sizes that cut requests come from the encoding itself.
    int n = all.length;
    int[] written = new int[n + 1]; // bytes written after series i..n-1 (written[n] = 0)
    ProtoWriter w = new ProtoWriter(Math.min(1 << 20, 1024 + n * 128));
    for (int i = n - 1; i >= 0; i--) {
      SeriesBuilder b = all[i];
      b.finish();
      RemoteWriteCodec.writeSeries(w, b.labels, b.timestamps, b.values, b.n, b.exemplars);
      written[i] = w.size();
    }
    byte[] encoded = w.toByteArray();
    int first = 0; // the first series of the request being cut
    int currentBytes = 0;
    for (int i = 0; i < n; i++) {
      int size = written[i] - written[i + 1];
      if (i > first && currentBytes + size > maxRequestBytes) {
        bodies.add(RemoteWriteCodec.compress(encoded, encoded.length - written[first], currentBytes));
        first = i;
        currentBytes = 0;
      }
      currentBytes += size;
    }
    if (n > 0) {
      bodies.add(RemoteWriteCodec.compress(encoded, encoded.length - written[first], currentBytes));
    }
    if (metadata != null && !metadata.isEmpty()) {
      // metadata after the samples, in requests of their own, split by size like series
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

  /**
   * The request bodies for series forwarded as they came, in the order they came (each series as
   * one {@code timeseries} entry, as a remote-write sender writes them), split by size: see
   * {@link ForwardedSeriesWriter}.
   */
  private byte[][] forward(List<NativeChunk<Metrics>> chunks) {
    int estimate = 0;
    for (NativeChunk<Metrics> c : chunks) {
      estimate += (int) Math.min(1 << 24, c.sizeHint());
    }
    ForwardedSeriesWriter.Bytes out = new ForwardedSeriesWriter.Bytes(Math.min(1 << 24, estimate + 1024));
    List<byte[]> bodies = new ArrayList<>();
    int requestStart = 0;
    for (NativeChunk<Metrics> c : chunks) {
      RemoteWriteChunk chunk = (RemoteWriteChunk) c;
      ForwardedSeriesWriter w = writer(chunk.scopeName(), chunk.scopeVersion());
      List<TimeSeries> decoded = chunk.isEncoded() ? null : chunk.series();
      for (int i = 0, n = chunk.seriesCount(); i < n; i++) {
        int start = out.size();
        if (decoded == null) {
          w.write(chunk, i, out);
        } else {
          w.write(decoded.get(i), out);
        }
        int size = out.size() - start;
        if (size > 0 && start > requestStart && start - requestStart + size > maxRequestBytes) {
          bodies.add(RemoteWriteCodec.compress(out.array(), requestStart, start - requestStart));
          requestStart = start;
        }
      }
    }
    if (out.size() > requestStart) {
      bodies.add(RemoteWriteCodec.compress(out.array(), requestStart, out.size() - requestStart));
    }
    return bodies.toArray(byte[][]::new);
  }

  /** The writer of forwarded series of this scope: the same object while the scope stays the same. */
  private ForwardedSeriesWriter writer(String scopeName, String scopeVersion) {
    ForwardedSeriesWriter w = writer;
    if (w == null || !w.scopeName().equals(scopeName) || !w.scopeVersion().equals(scopeVersion)) {
      w = new ForwardedSeriesWriter(translator, scopeName, scopeVersion);
      writer = w;
    }
    return w;
  }

  /**
   * Whether {@code target_info} with these labels at {@code ts} is newer than the one sent last.
   * Batches of one resource do not always come in time order (a late metric, a retry), and a
   * receiver refuses a whole request with one out-of-order sample; {@code target_info} is the one
   * series every batch of a resource repeats, so it is sent only when it moves forward.
   */
  private boolean newerTargetInfo(List<Label> labels, long ts) {
    Long last = targetInfoSent.get(labels);
    if (last != null && last >= ts) {
      return false;
    }
    if (targetInfoSent.size() >= MAX_TARGET_INFO) {
      targetInfoSent.clear();
    }
    targetInfoSent.merge(labels, ts, Math::max);
    return true;
  }

  private static MetricMetadata metadata(Family f) {
    return new MetricMetadata(f.type().remoteWriteType(), f.name(), f.help(), f.unit());
  }

  /** Samples of one series, kept in time order (remote write receivers refuse out-of-order samples). */
  private static final class SeriesBuilder {
    final List<Label> labels;
    long[] timestamps = new long[2];
    double[] values = new double[2];
    int n;
    List<Exemplar> exemplars = List.of();
    boolean sorted = true;

    SeriesBuilder(List<Label> labels) {
      this.labels = labels;
    }

    void add(double value, long ts, List<Exemplar> ex) {
      if (n > 0 && timestamps[n - 1] >= ts) {
        sorted = false;
      }
      if (n == timestamps.length) {
        timestamps = Arrays.copyOf(timestamps, n * 2);
        values = Arrays.copyOf(values, n * 2);
      }
      timestamps[n] = ts;
      values[n] = value;
      n++;
      if (!ex.isEmpty()) {
        if (exemplars.isEmpty()) {
          exemplars = new ArrayList<>(ex);
        } else {
          exemplars.addAll(ex);
        }
      }
    }

    /** Puts the samples in time order: a stable sort; of samples with the same time the last one is kept, as a later write would win. */
    void finish() {
      if (sorted) {
        return;
      }
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(timestamps[a], timestamps[b]));
      long[] t = new long[n];
      double[] v = new double[n];
      int m = 0;
      for (int i : order) {
        if (m > 0 && t[m - 1] == timestamps[i]) {
          v[m - 1] = values[i];
        } else {
          t[m] = timestamps[i];
          v[m] = values[i];
          m++;
        }
      }
      timestamps = t;
      values = v;
      n = m;
      sorted = true;
    }
  }

  /** Sends the bodies not sent yet, in order, or {@code parallelism} at a time. */
  private void send(HttpSender c, Pending p) throws ConsumeException {
    ExecutorService pool = senders;
    int left = 0;
    for (boolean s : p.sent) {
      left += s ? 0 : 1;
    }
    if (pool == null || left <= 1 || parallelism <= 1) {
      for (int i = 0; i < p.bodies.length; i++) {
        if (!p.sent[i]) {
          post(c, p.bodies[i]);
          p.sent[i] = true;
        }
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    List<Future<ConsumeException>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(parallelism, left); w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < p.bodies.length; i = next.getAndIncrement()) {
          if (p.sent[i]) {
            continue;
          }
          try {
            post(c, p.bodies[i]);
            p.sent[i] = true;
          } catch (ConsumeException e) {
            return e;
          }
        }
        return null;
      }));
    }
    ConsumeException first = null;
    try {
      for (Future<ConsumeException> f : workers) {
        ConsumeException e = f.get();
        if (e != null && (first == null || e instanceof PermanentException)) {
          first = e;
        }
      }
    } catch (InterruptedException e) {
      workers.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new RetryableException("interrupted while sending", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new RetryableException("sending failed: " + e.getCause(), e.getCause());
    }
    if (first != null) {
      throw first;
    }
  }

  /** One POST; 2xx is success, 5xx and 429 are retryable (with Retry-After), anything else permanent. */
  private void post(HttpSender c, byte[] body) throws ConsumeException {
    c.send("POST", uri, RemoteWriteCodec.CONTENT_TYPE, body, Compression.NONE, headers, ERROR_SNIPPET);
  }

  // ---- progress of batches being retried -------------------------------------------------------

  private Pending pendingFor(Metrics data) {
    synchronized (pending) {
      for (Pending p : pending) {
        if (p.batch.get() == data) {
          return p;
        }
      }
      return null;
    }
  }

  private void remember(Pending p) {
    synchronized (pending) {
      pending.removeIf(x -> x.batch.get() == null);
      if (pending.size() >= MAX_PENDING) {
        pending.removeFirst();
      }
      pending.addLast(p);
    }
  }

  private void forget(Pending p) {
    synchronized (pending) {
      pending.remove(p);
    }
  }

  /** For tests and the benchmark: the request bodies (snappy-compressed) a batch makes. */
  byte[][] requestBodies(Metrics data) {
    return translate(data, false).bodies;
  }
}
