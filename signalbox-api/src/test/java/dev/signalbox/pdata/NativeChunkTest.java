package dev.signalbox.pdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeChunkTest {
  static final AtomicInteger DECODES = new AtomicInteger();

  /** A stand-in native form: gauge values of metric {@code name}; each value one item. */
  record Values(String format, String name, List<Double> values, boolean cuttable) implements NativeChunk<Metrics> {
    @Override
    public int itemCount() {
      return values.size();
    }

    @Override
    public long sizeHint() {
      return 10L * values.size();
    }

    @Override
    public void decodeInto(Metrics into) {
      DECODES.incrementAndGet();
      Metric m = into.resourceMetrics().addNew().scopeMetrics().addNew().metrics().addNew().setName(name);
      Gauge g = m.setEmptyGauge();
      for (double v : values) {
        g.dataPoints().addNew().setDoubleValue(v);
      }
    }

    @Override
    public List<NativeChunk<Metrics>> splitAt(int n) {
      return cuttable ? List.of(new Values(format, name, values.subList(0, n), true),
          new Values(format, name, values.subList(n, values.size()), true)) : null;
    }
  }

  static Metrics nat(String name, boolean cuttable, double... values) {
    List<Double> l = new ArrayList<>();
    for (double v : values) {
      l.add(v);
    }
    return Metrics.fromNative(new Values("test.v1", name, l, cuttable));
  }

  /** An OTLP wire chunk in the stand-in codec of one gauge point per comma-separated value. */
  static final WireDecoder<Metrics> OTLP = (chunk, into) -> {
    String s = new String(chunk.bytes(), chunk.offset(), chunk.length(), StandardCharsets.UTF_8);
    Gauge g = into.resourceMetrics().addNew().scopeMetrics().addNew().metrics().addNew().setName("otlp")
        .setEmptyGauge();
    for (String v : s.split(",")) {
      g.dataPoints().addNew().setDoubleValue(Double.parseDouble(v));
    }
  };

  static Metrics wire(String values) {
    byte[] b = values.getBytes(StandardCharsets.UTF_8);
    return Metrics.fromWire(new WireChunk(b, 0, b.length, values.split(",").length), OTLP);
  }

  static List<String> points(Metrics m) {
    List<String> out = new ArrayList<>();
    m.resourceMetrics().forEach(rm -> rm.scopeMetrics().forEach(sm -> sm.metrics().forEach(x ->
        x.gauge().dataPoints().forEach(p -> out.add(x.name() + "=" + p.doubleValue())))));
    return out;
  }

  @Test
  void nativeBatchesMergeUndecodedAndAreHandedOutOnlyWhenAllOfOneFormat() {
    DECODES.set(0);
    Metrics a = nat("a", true, 1, 2);
    a.append(nat("b", true, 3));
    assertThat(a.itemCount()).isEqualTo(3);
    assertThat(a.sizeHint()).isEqualTo(30);
    assertThat(a.isWireBacked()).isTrue();
    assertThat(a.nativeChunks("test.v1")).hasSize(2);
    assertThat(a.nativeChunks("other.v1")).isNull();
    assertThat(a.wireChunks()).as("not OTLP bytes").isNull();

    Metrics copy = a.copy();
    assertThat(copy.nativeChunks("test.v1")).hasSize(2);
    assertThat(DECODES).hasValue(0);

    a.append(wire("4,5"));
    assertThat(a.itemCount()).isEqualTo(5);
    assertThat(a.nativeChunks("test.v1")).as("mixed with OTLP").isNull();
    assertThat(a.wireChunks()).isNull();
    assertThat(DECODES).hasValue(0);
  }

  @Test
  void readingDecodesEveryChunkInOrder() {
    DECODES.set(0);
    Metrics a = wire("1");
    a.append(nat("n", false, 2, 3));
    a.append(wire("4"));
    assertThat(points(a)).containsExactly("otlp=1.0", "n=2.0", "n=3.0", "otlp=4.0");
    assertThat(DECODES).hasValue(1);
    assertThat(a.isWireBacked()).isFalse();
    assertThat(a.nativeChunks("test.v1")).isNull();
  }

  @Test
  void takeFirstCutsACuttableChunkWithoutDecoding() {
    DECODES.set(0);
    Metrics a = nat("a", true, 1, 2);
    a.append(nat("b", true, 3, 4, 5));
    Metrics first = a.takeFirst(3);
    assertThat(first.itemCount()).isEqualTo(3);
    assertThat(a.itemCount()).isEqualTo(2);
    assertThat(first.nativeChunks("test.v1")).hasSize(2);
    assertThat(a.nativeChunks("test.v1")).hasSize(1);
    assertThat(DECODES).hasValue(0);
    assertThat(points(first)).containsExactly("a=1.0", "a=2.0", "b=3.0");
    assertThat(points(a)).containsExactly("b=4.0", "b=5.0");
  }

  @Test
  void takeFirstDecodesAChunkThatCannotBeCut() {
    DECODES.set(0);
    Metrics a = nat("a", false, 1, 2, 3);
    Metrics first = a.takeFirst(2);
    assertThat(DECODES).hasValue(1);
    assertThat(points(first)).containsExactly("a=1.0", "a=2.0");
    assertThat(points(a)).containsExactly("a=3.0");
  }

  @Test
  void aCopyDecodesOnItsOwn() {
    DECODES.set(0);
    Metrics a = nat("a", false, 1);
    Metrics c = a.copy();
    assertThat(points(c)).containsExactly("a=1.0");
    assertThat(a.isWireBacked()).isTrue();
    assertThat(points(a)).containsExactly("a=1.0");
    assertThat(DECODES).hasValue(2);
  }
}
