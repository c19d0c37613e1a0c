package dev.signalbox.sdk.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.sdk.proto.ProtoWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LabelInternerTest {
  private static TimeSeries series(String name, String instance, double v, long t) {
    return new TimeSeries(List.of(new Label("__name__", name), new Label("instance", instance),
        new Label("job", "node")), List.of(new Sample(v, t)), List.of());
  }

  @Test
  void decodesTheSameAsWithoutAndHandsOutTheSameLabelListForTheSameSeries() throws Exception {
    LabelInterner interner = new LabelInterner();
    WriteRequest first = new WriteRequest(List.of(series("up", "a:1", 1, 10), series("up", "b:1", 0, 10),
        new TimeSeries(List.of(new Label("__name__", "x"), new Label("v", "é ✓")),
            List.of(new Sample(1, 1), new Sample(2, 2), Sample.stale(3)),
            List.of(new Exemplar(List.of(new Label("trace_id", "ab")), 0.5, 7)))), List.of());
    WriteRequest second = new WriteRequest(List.of(series("up", "b:1", 1, 20), series("up", "a:1", 1, 20),
        series("up", "c:1", 1, 20)), List.of());
    byte[] b1 = RemoteWriteCodec.encode(first);
    byte[] b2 = RemoteWriteCodec.encode(second);

    WriteRequest d1 = RemoteWriteCodec.decode(b1, 0, b1.length, interner);
    WriteRequest d2 = RemoteWriteCodec.decode(b2, 0, b2.length, interner);

    assertThat(d1).isEqualTo(first).isEqualTo(RemoteWriteCodec.decode(b1, 0, b1.length));
    assertThat(d2).isEqualTo(second);
    assertThat(d2.timeseries().get(0).labels()).isSameAs(d1.timeseries().get(1).labels());
    assertThat(d2.timeseries().get(1).labels()).isSameAs(d1.timeseries().get(0).labels());
    // a new series shares the strings met before
    assertThat(d2.timeseries().get(2).labels().get(0).value()).isSameAs(d1.timeseries().get(0).labels().get(0).value());
  }

  @Test
  void labelsThatDoNotComeFirstOrInOneRunDecodeAsWithout() throws Exception {
    // samples before labels, and a label after a sample: valid protobuf a sender could write
    ProtoWriter w = new ProtoWriter(256);
    int s = w.size();
    int l2 = w.size();
    w.writeString(2, "b");
    w.writeString(1, "late");
    w.endMessage(1, l2);
    int smp = w.size();
    w.writeInt64(2, 5);
    w.writeDouble(1, 1.5);
    w.endMessage(2, smp);
    int l1 = w.size();
    w.writeString(2, "m");
    w.writeString(1, "__name__");
    w.endMessage(1, l1);
    w.endMessage(1, s);
    byte[] raw = w.toByteArray();
    LabelInterner interner = new LabelInterner();
    for (int i = 0; i < 2; i++) {
      assertThat(RemoteWriteCodec.decode(raw, 0, raw.length, interner)).isEqualTo(RemoteWriteCodec.decode(raw, 0,
          raw.length));
    }
  }

  @Test
  void malformedInputFailsWithTheSameErrorWithAndWithoutAWarmInterner() throws Exception {
    WriteRequest r = new WriteRequest(List.of(series("up", "a:1", 1, 10), series("up", "b:1", 0, 10)), List.of());
    byte[] raw = RemoteWriteCodec.encode(r);
    LabelInterner interner = new LabelInterner();
    RemoteWriteCodec.decode(raw, 0, raw.length, interner);
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] bad = raw.clone();
      int n = 1 + random.nextInt(3);
      for (int k = 0; k < n; k++) {
        bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
      }
      int len = random.nextInt(4) == 0 ? random.nextInt(bad.length + 1) : bad.length;
      Object plain = outcome(bad, len, null);
      assertThat(outcome(bad, len, interner)).as("mutation %d", i).isEqualTo(plain);
      assertThat(outcome(bad, len, interner)).as("mutation %d again", i).isEqualTo(plain);
    }
  }

  private static Object outcome(byte[] raw, int len, LabelInterner interner) {
    Throwable t = catchThrowable(() -> RemoteWriteCodec.decode(raw, 0, len, interner));
    if (t != null) {
      assertThat(t).isInstanceOf(MalformedDataException.class);
      return t.getMessage();
    }
    try {
      return RemoteWriteCodec.decode(raw, 0, len, interner);
    } catch (MalformedDataException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void manySeriesThroughASmallTableStayCorrect() throws Exception {
    LabelInterner interner = new LabelInterner();
    for (int round = 0; round < 3; round++) {
      List<TimeSeries> ts = new ArrayList<>();
      for (int i = 0; i < 3 * LabelInterner.SERIES_SLOTS; i += 7) {
        ts.add(series("m" + (i % 13), "host-" + i, i, round));
      }
      WriteRequest r = new WriteRequest(ts, List.of());
      byte[] raw = RemoteWriteCodec.encode(r);
      assertThat(RemoteWriteCodec.decode(raw, 0, raw.length, interner)).isEqualTo(r);
    }
  }
}
