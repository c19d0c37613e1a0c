package dev.signalbox.pdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchTest {
  /** A stand-in codec: a chunk's bytes are comma-separated span names of one resource/scope. */
  static final AtomicInteger DECODES = new AtomicInteger();
  static final WireDecoder<Traces> DECODER = (chunk, into) -> {
    DECODES.incrementAndGet();
    String s = new String(chunk.bytes(), chunk.offset(), chunk.length(), StandardCharsets.UTF_8);
    ScopeSpans ss = into.resourceSpans().addNew().scopeSpans().addNew();
    ss.scope().setName("wire");
    for (String n : s.split(",")) {
      ss.spans().addNew().setName(n);
    }
  };

  static Traces wire(String names) {
    byte[] b = names.getBytes(StandardCharsets.UTF_8);
    return Traces.fromWire(new WireChunk(b, 0, b.length, names.split(",").length), DECODER);
  }

  static List<String> names(Traces t) {
    List<String> out = new ArrayList<>();
    t.resourceSpans().forEach(rs -> rs.scopeSpans().forEach(ss -> ss.spans().forEach(s -> out.add(s.name()))));
    return out;
  }

  static Traces decoded(int resources, int scopes, int spans) {
    Traces t = new Traces();
    for (int r = 0; r < resources; r++) {
      ResourceSpans rs = t.resourceSpans().addNew();
      rs.resource().attributes().put("r", r);
      for (int s = 0; s < scopes; s++) {
        ScopeSpans ss = rs.scopeSpans().addNew();
        ss.scope().setName("s" + s);
        for (int i = 0; i < spans; i++) {
          ss.spans().addNew().setName(r + "." + s + "." + i);
        }
      }
    }
    return t;
  }

  @Test
  void wireBackedBatchesMergeWithoutDecodingAndDecodeOnFirstRead() {
    DECODES.set(0);
    Traces a = wire("a,b");
    Traces b = wire("c");
    a.append(b);
    assertThat(a.isWireBacked()).isTrue();
    assertThat(a.wireChunks()).hasSize(2);
    assertThat(a.itemCount()).isEqualTo(3);
    assertThat(b.itemCount()).isZero();
    assertThat(DECODES).hasValue(0);
    assertThat(names(a)).containsExactly("a", "b", "c");
    assertThat(DECODES).hasValue(2);
    assertThat(a.isWireBacked()).isFalse();
    assertThat(a.itemCount()).isEqualTo(3);
  }

  @Test
  void appendingWireToDecodedDecodesAndMoves() {
    Traces a = decoded(1, 1, 2);
    a.append(wire("x"));
    assertThat(names(a)).containsExactly("0.0.0", "0.0.1", "x");
  }

  @Test
  void readOnlyWireBackedBatchDecodesOnceForConcurrentReadersAndStaysReadOnly() throws Exception {
    DECODES.set(0);
    Traces t = wire("a,b,c");
    t.markReadOnly();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<List<String>> seen = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      Thread th = Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          throw new RuntimeException(e);
        }
        seen.add(names(t));
      });
      threads.add(th);
    }
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertThat(seen).hasSize(4).allSatisfy(l -> assertThat(l).containsExactly("a", "b", "c"));
    assertThat(DECODES).hasValue(1);
    Span s = t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0);
    assertThatThrownBy(() -> s.setName("z")).isInstanceOf(ReadOnlyDataException.class);
  }

  @Test
  void copyOfWireBackedSharesBytesAndIsIndependent() {
    Traces t = wire("a,b");
    t.markReadOnly();
    Traces c = t.copy();
    assertThat(c.isReadOnly()).isFalse();
    assertThat(c.isWireBacked()).isTrue();
    c.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).setName("changed");
    assertThat(names(c)).containsExactly("changed", "b");
    assertThat(names(t)).containsExactly("a", "b");
  }

  @Test
  void takeFirstSplitsAcrossResourcesAndScopesKeepingTheirIdentity() {
    Traces t = decoded(2, 2, 3); // 12 spans
    Traces first = t.takeFirst(5);
    assertThat(first.itemCount()).isEqualTo(5);
    assertThat(t.itemCount()).isEqualTo(7);
    assertThat(names(first)).containsExactly("0.0.0", "0.0.1", "0.0.2", "0.1.0", "0.1.1");
    assertThat(names(t)).startsWith("0.1.2", "1.0.0");
    ResourceSpans rest0 = t.resourceSpans().get(0);
    assertThat(rest0.resource().attributes().get("r")).isEqualTo(AnyValue.of(0L));
    assertThat(rest0.scopeSpans().get(0).scope().name()).isEqualTo("s1");
    assertThat(first.resourceSpans().get(0).scopeSpans().get(1).scope().name()).isEqualTo("s1");
    Traces all = t.takeFirst(100);
    assertThat(all.itemCount()).isEqualTo(7);
    assertThat(t.itemCount()).isZero();
  }

  @Test
  void takeFirstMovesWholeWireChunksWithoutDecoding() {
    DECODES.set(0);
    Traces t = wire("a,b");
    t.append(wire("c,d"));
    t.append(wire("e"));
    Traces first = t.takeFirst(4);
    assertThat(first.isWireBacked()).isTrue();
    assertThat(first.itemCount()).isEqualTo(4);
    assertThat(t.itemCount()).isEqualTo(1);
    assertThat(DECODES).hasValue(0);
    Traces part = t.takeFirst(1);
    assertThat(names(part)).containsExactly("e");
    Traces u = wire("a,b,c");
    Traces head = u.takeFirst(2);
    assertThat(names(head)).containsExactly("a", "b");
    assertThat(names(u)).containsExactly("c");
  }

  @Test
  void splitsMetricDataPointsKeepingTheMetricDefinition() {
    Metrics m = new Metrics();
    Metric metric = m.resourceMetrics().addNew().scopeMetrics().addNew().metrics().addNew()
        .setName("requests").setUnit("1");
    Sum sum = metric.setEmptySum().setMonotonic(true).setAggregationTemporality(AggregationTemporality.CUMULATIVE);
    for (int i = 0; i < 5; i++) {
      sum.dataPoints().addNew().setIntValue(i).attributes().put("i", i);
    }
    Metrics first = m.takeFirst(2);
    Metric a = first.resourceMetrics().get(0).scopeMetrics().get(0).metrics().get(0);
    assertThat(a.name()).isEqualTo("requests");
    assertThat(a.sum().isMonotonic()).isTrue();
    assertThat(a.sum().aggregationTemporality()).isEqualTo(AggregationTemporality.CUMULATIVE);
    assertThat(a.sum().dataPoints().asList()).extracting(NumberDataPoint::intValue).containsExactly(0L, 1L);
    assertThat(m.itemCount()).isEqualTo(3);
  }

  @Test
  void attributesKeepOrderReplaceOnPutAndAllowDuplicatesOnAdd() {
    Span s = new Span();
    s.attributes().put("a", "1").put("b", 2L).put("a", "3").add("b", AnyValue.of(true));
    assertThat(s.attributes().asList()).containsExactly(
        KeyValue.of("a", "3"), KeyValue.of("b", 2L), new KeyValue("b", AnyValue.of(true)));
    assertThat(s.attributes().remove("b")).isTrue();
    assertThat(s.attributes().size()).isEqualTo(1);
    assertThat(AnyValue.ofKvList(List.of(KeyValue.of("k", "v"), new KeyValue("n",
        AnyValue.ofArray(List.of(AnyValue.of(1L), AnyValue.of(2.5)))))).asString())
        .isEqualTo("{\"k\":\"v\",\"n\":[1,2.5]}");
  }

  @Test
  void idsConvertBetweenHexBytesAndLongs() {
    TraceId id = TraceId.fromHex("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(id.high()).isEqualTo(0x4bf92f3577b34da6L);
    assertThat(id.toHex()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(TraceId.fromBytes(id.toBytes())).isEqualTo(id);
    assertThat(SpanId.fromHex("00F067AA0BA902B7").toHex()).isEqualTo("00f067aa0ba902b7");
    assertThatThrownBy(() -> TraceId.fromHex("xyz")).hasMessage("trace id must be 32 hex digits, got 3 characters");
  }
}
