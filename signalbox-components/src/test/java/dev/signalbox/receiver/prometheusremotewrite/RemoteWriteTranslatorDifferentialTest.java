package dev.signalbox.receiver.prometheusremotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.sdk.prometheus.remotewrite.LabelInterner;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricType;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The translator (with the receiver's label interner and its own series memory) gives exactly
 * what {@link ReferenceRemoteWriteTranslator}, the code before those were added, gives: the same
 * metrics, point and drop counts, or the same refusal, request after request, for random requests
 * drawn from a pool of series that repeat (as senders repeat them) and cover the translation's
 * cases: counters, gauges, histograms and summaries whole, split or broken, metadata arriving
 * later, scopes, target_info, exemplars, staleness markers, old samples, invalid label sets.
 */
class RemoteWriteTranslatorDifferentialTest {
  private static final long T = 1_700_000_000_000L;
  private static final String[] BASES = {"req", "lat", "q", "mem", "up", "info", "h2"};
  private static final String[] SUFFIXES = {"", "_total", "_bucket", "_count", "_sum", "_created", "_info",
      "_gcount", "_gsum", "_seconds"};
  private static final String[] LES = {"0.1", "1", "2.5", "+Inf", "bad", "1e3", "0x1p-2", "-1"};
  private static final String[] QUANTILES = {"0", "0.5", "0.99", "x", "1"};
  private static final MetricType[] TYPES = MetricType.values();

  @Test
  void translatesExactlyAsTheReferenceRequestAfterRequest() throws Exception {
    for (long seed = 1; seed <= 40; seed++) {
      run(seed);
    }
  }

  private static void run(long seed) throws Exception {
    Random rnd = new Random(seed);
    List<List<Label>> pool = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      pool.add(labels(rnd));
    }
    // whole histograms and summaries, so that reassembly is exercised
    for (int h = 0; h < 6; h++) {
      String base = BASES[rnd.nextInt(BASES.length)];
      String job = rnd.nextBoolean() ? "node" : "ns/app";
      String inst = "h" + rnd.nextInt(3);
      boolean summary = rnd.nextInt(3) == 0;
      if (summary) {
        for (String q : new String[] {"0.5", "0.9", "0.99"}) {
          pool.add(List.of(new Label("__name__", base), new Label("job", job), new Label("instance", inst),
              new Label("quantile", q)));
        }
      } else {
        for (String le : new String[] {"0.5", "1", "+Inf"}) {
          pool.add(List.of(new Label("__name__", base + "_bucket"), new Label("job", job),
              new Label("instance", inst), new Label("le", le), new Label("k", "v")));
        }
      }
      pool.add(List.of(new Label("__name__", base + "_count"), new Label("job", job), new Label("instance", inst)));
      pool.add(List.of(new Label("__name__", base + "_sum"), new Label("job", job), new Label("instance", inst)));
    }
    RemoteWriteTranslator translator = new RemoteWriteTranslator("scope", "1.0");
    ReferenceRemoteWriteTranslator reference = new ReferenceRemoteWriteTranslator("scope", "1.0");
    LabelInterner interner = new LabelInterner();
    for (int req = 0; req < 60; req++) {
      List<TimeSeries> ts = new ArrayList<>();
      int n = 1 + rnd.nextInt(40);
      int start = rnd.nextInt(pool.size());
      for (int i = 0; i < n; i++) {
        // mostly runs of the pool in order (groups together), sometimes random picks
        List<Label> l = rnd.nextInt(4) == 0 ? pool.get(rnd.nextInt(pool.size())) : pool.get((start + i) % pool.size());
        ts.add(new TimeSeries(l, samples(rnd, req), exemplars(rnd)));
      }
      List<MetricMetadata> md = new ArrayList<>();
      if (rnd.nextInt(5) == 0) {
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
          String base = BASES[rnd.nextInt(BASES.length)];
          md.add(new MetricMetadata(TYPES[rnd.nextInt(TYPES.length)],
              rnd.nextInt(4) == 0 ? base + SUFFIXES[rnd.nextInt(SUFFIXES.length)] : base, "help " + base,
              rnd.nextBoolean() ? "" : "seconds"));
        }
        if (rnd.nextInt(3) == 0) {
          md.add(new MetricMetadata(MetricType.COUNTER, "", "nameless", ""));
        }
      }
      WriteRequest wr = new WriteRequest(rnd.nextInt(8) == 0 ? List.of() : ts, md);
      byte[] raw = RemoteWriteCodec.encode(wr);
      // the translator gets the request as the receiver decodes it (through the interner)
      WriteRequest viaInterner = RemoteWriteCodec.decode(raw, 0, raw.length, interner);
      long oldest = rnd.nextInt(4) == 0 ? T + 1000L * req - 500 : Long.MIN_VALUE;
      Object want = outcome(() -> reference.translate(wr, oldest));
      Object got = outcome(() -> translator.translate(viaInterner, oldest));
      assertThat(got).as("seed %d request %d", seed, req).isEqualTo(want);
    }
  }

  private interface Call {
    RemoteWriteTranslator.Translation run() throws Exception;
  }

  private static Object outcome(Call c) {
    try {
      return c.run();
    } catch (RemoteWriteTranslator.InvalidRequestException e) {
      return "refused: " + e.getMessage();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<Label> labels(Random rnd) {
    List<Label> l = new ArrayList<>();
    int kind = rnd.nextInt(20);
    if (kind != 0) { // kind 0: no metric name
      String name = kind == 1 ? "target_info"
          : BASES[rnd.nextInt(BASES.length)] + SUFFIXES[rnd.nextInt(SUFFIXES.length)];
      l.add(new Label("__name__", kind == 2 ? "" : name));
    }
    if (rnd.nextInt(5) != 0) {
      l.add(new Label("job", new String[] {"node", "ns/app", "a/b/c", ""}[rnd.nextInt(4)]));
    }
    if (rnd.nextInt(5) != 0) {
      l.add(new Label("instance", new String[] {"h1:9100", "h2", ""}[rnd.nextInt(3)]));
    }
    if (rnd.nextInt(3) == 0) {
      l.add(new Label("le", LES[rnd.nextInt(LES.length)]));
    }
    if (rnd.nextInt(4) == 0) {
      l.add(new Label("quantile", QUANTILES[rnd.nextInt(QUANTILES.length)]));
    }
    if (rnd.nextInt(6) == 0) {
      l.add(new Label("otel_scope_name", "lib"));
    }
    if (rnd.nextInt(8) == 0) {
      l.add(new Label("otel_scope_version", "2"));
    }
    for (String k : new String[] {"a", "b", "zone"}) {
      if (rnd.nextBoolean()) {
        l.add(new Label(k, new String[] {"x", "y", "", "é"}[rnd.nextInt(4)]));
      }
    }
    if (rnd.nextInt(40) == 0 && !l.isEmpty()) {
      l.add(l.get(rnd.nextInt(l.size()))); // a repeated label name: refused
    }
    if (rnd.nextBoolean()) {
      java.util.Collections.shuffle(l, rnd);
    }
    return List.copyOf(l);
  }

  private static List<Sample> samples(Random rnd, int req) {
    List<Sample> s = new ArrayList<>();
    int n = rnd.nextInt(10) == 0 ? 0 : 1 + (rnd.nextInt(5) == 0 ? rnd.nextInt(3) : 0);
    for (int i = 0; i < n; i++) {
      long t = T + 1000L * req + (rnd.nextInt(6) == 0 ? -rnd.nextInt(2000) : i);
      double v = switch (rnd.nextInt(12)) {
        case 0 -> Double.longBitsToDouble(Sample.STALE_NAN_BITS);
        case 1 -> Double.NaN;
        case 2 -> -1;
        default -> rnd.nextInt(100) * 0.5 + (req * 10);
      };
      s.add(new Sample(v, t));
    }
    return s;
  }

  private static List<Exemplar> exemplars(Random rnd) {
    if (rnd.nextInt(6) != 0) {
      return List.of();
    }
    List<Label> l = new ArrayList<>();
    if (rnd.nextBoolean()) {
      l.add(new Label("trace_id", rnd.nextBoolean() ? "4bf92f3577b34da6a3ce929d0e0e4736" : "nothex"));
    }
    if (rnd.nextBoolean()) {
      l.add(new Label("span_id", "00f067aa0ba902b7"));
    }
    if (rnd.nextBoolean()) {
      l.add(new Label("user", "u1"));
    }
    return List.of(new Exemplar(l, rnd.nextInt(10) * 0.1, rnd.nextBoolean() ? 0 : T));
  }
}
