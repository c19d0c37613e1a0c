package dev.signalbox.benchmarks.remotewrite;

import dev.signalbox.config.ByteSize;
import dev.signalbox.sdk.http.HttpResponse;
import dev.signalbox.sdk.http.HttpRoute;
import dev.signalbox.sdk.http.HttpServer;
import dev.signalbox.sdk.http.HttpServerConfig;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a system under test forwards to: a remote-write 1.0 server on 127.0.0.1 ({@code POST
 * /api/v1/write}, snappy protobuf, answers 204) that decodes every request and counts its samples
 * per series of the load, with the same order-independent checksum of timestamps and values as
 * {@link NodeLoad}, so the harness can check that every sample arrived once, unchanged, under its
 * original labels. Series it does not know are counted apart (the first few are kept to show).
 * It runs in the harness JVM, whose CPU is not what is measured.
 */
final class CountingRemoteWriteSink implements AutoCloseable {
  private static final int MAX_UNKNOWN_SHOWN = 5;

  private final Map<Long, Integer> index;
  private final AtomicLongArray counts;
  private final AtomicLongArray checksums;
  private final LongAdder samples = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder unknownSamples = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final Map<String, Boolean> unknownShown = new ConcurrentHashMap<>();
  private final HttpServer http;

  CountingRemoteWriteSink(List<NodeLoad.Series> series) throws IOException {
    Map<Long, Integer> idx = new HashMap<>();
    for (int i = 0; i < series.size(); i++) {
      if (idx.put(series.get(i).fingerprint(), i) != null) {
        throw new IllegalStateException("two series of the load share a fingerprint: " + series.get(i).describe());
      }
    }
    this.index = idx;
    this.counts = new AtomicLongArray(series.size());
    this.checksums = new AtomicLongArray(series.size());
    this.http = HttpServer.start(HttpServerConfig.defaults("127.0.0.1:0").withMaxRequestBodySize(ByteSize.ofMiB(64)),
        List.of(HttpRoute.post("/api/v1/write", req -> {
          byte[] body = req.body();
          String enc = req.header("Content-Encoding");
          WriteRequest wr;
          try {
            wr = enc == null || enc.isBlank()
                ? RemoteWriteCodec.decodeCompressed(body, 256 << 20) // undeclared: remote write is snappy
                : RemoteWriteCodec.decode(body, 0, body.length); // the server inflated the declared encoding
          } catch (MalformedDataException e) {
            malformed.increment();
            return HttpResponse.text(400, e.getMessage());
          }
          count(wr);
          requests.increment();
          bytes.add(body.length);
          return HttpResponse.empty(204);
        })));
  }

  private void count(WriteRequest wr) {
    List<String[]> pairs = new ArrayList<>();
    for (WriteRequest.TimeSeries ts : wr.timeseries()) {
      pairs.clear();
      for (WriteRequest.Label l : ts.labels()) {
        pairs.add(new String[] {l.name(), l.value()});
      }
      pairs.sort(Comparator.comparing(p -> p[0]));
      Integer i = index.get(NodeLoad.fingerprint(pairs));
      int n = ts.samples().size();
      samples.add(n);
      if (i == null) {
        unknownSamples.add(n);
        if (unknownShown.size() < MAX_UNKNOWN_SHOWN) {
          StringBuilder b = new StringBuilder();
          pairs.forEach(p -> b.append(b.isEmpty() ? "" : ",").append(p[0]).append("=\"").append(p[1]).append('"'));
          unknownShown.putIfAbsent("{" + b + "}", Boolean.TRUE);
        }
        continue;
      }
      counts.addAndGet(i, n);
      long sum = 0;
      for (WriteRequest.Sample s : ts.samples()) {
        sum += NodeLoad.sampleHash(s.timestampMillis(), Double.doubleToRawLongBits(s.value()));
      }
      checksums.addAndGet(i, sum);
    }
  }

  String url() {
    return "http://127.0.0.1:" + http.port() + "/api/v1/write";
  }

  long samples() {
    return samples.sum();
  }

  long requests() {
    return requests.sum();
  }

  /** Request bytes received (uncompressed). */
  long bytes() {
    return bytes.sum();
  }

  /**
   * Compares what arrived with what {@code load} generated: empty when every series got exactly
   * its samples (count and checksum); otherwise the differences, a few of each kind.
   */
  List<String> differences(NodeLoad load) {
    List<String> out = new ArrayList<>();
    int missing = 0;
    int extra = 0;
    int changed = 0;
    for (int i = 0; i < load.series().size(); i++) {
      long want = load.generated(i);
      long got = counts.get(i);
      if (got != want) {
        if (got < want) {
          missing++;
        } else {
          extra++;
        }
        if (out.size() < 5) {
          out.add(load.series().get(i).describe() + ": " + got + " samples arrived, " + want + " were sent");
        }
      } else if (checksums.get(i) != load.checksum(i)) {
        changed++;
        if (out.size() < 5) {
          out.add(load.series().get(i).describe() + ": timestamps or values changed on the way");
        }
      }
    }
    if (missing + extra + changed > 0) {
      out.add(missing + " series short of samples, " + extra + " with too many, " + changed + " with changed samples");
    }
    if (unknownSamples.sum() > 0) {
      out.add(unknownSamples.sum() + " samples of series the load never sent, e.g. " + unknownShown.keySet());
    }
    if (malformed.sum() > 0) {
      out.add(malformed.sum() + " malformed requests");
    }
    return out;
  }

  @Override
  public void close() {
    http.shutdown(Duration.ofSeconds(2));
  }
}
