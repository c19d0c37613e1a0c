package dev.signalbox.sdk.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NativeChunk;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricType;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class RemoteWriteChunkTest {
  static final BiConsumer<List<TimeSeries>, Metrics> NO_DECODING = (s, m) -> {
    throw new AssertionError("decoded");
  };

  static TimeSeries series(List<Sample> samples, String... labels) {
    List<Label> ls = new ArrayList<>();
    for (int i = 0; i < labels.length; i += 2) {
      ls.add(new Label(labels[i], labels[i + 1]));
    }
    return new TimeSeries(ls, samples, List.of());
  }

  static TimeSeries series(String... labels) {
    return series(List.of(new Sample(1.5, 1000)), labels);
  }

  static RemoteWriteChunk scan(long oldest, TimeSeries... series) {
    return RemoteWriteChunk.scan(RemoteWriteCodec.encode(new WriteRequest(List.of(series), List.of())), oldest,
        "scope", "1", NO_DECODING);
  }

  @Test
  void canonicalRequestsAreHeldAsTheirBytes() {
    TimeSeries a = series(List.of(new Sample(1, 1000), new Sample(2, 2000)), "__name__", "up", "instance", "h:1",
        "job", "node");
    // 'Z' sorts before '_'; a UTF-8 value
    TimeSeries b = series("Zone", "eu", "__name__", "x_total", "key", "k\u00fcche");
    TimeSeries none = series(List.of(), "__name__", "empty");
    RemoteWriteChunk c = scan(Long.MIN_VALUE, a, none, b);
    assertThat(c).isNotNull();
    assertThat(c.isEncoded()).isTrue();
    assertThat(c.itemCount()).isEqualTo(3);
    assertThat(c.seriesCount()).as("a series without samples is left out").isEqualTo(2);
    assertThat(c.series()).containsExactly(a, b);
    assertThat(c.isTargetInfo(0)).isFalse();
    assertThat(scan(Long.MIN_VALUE, series("__name__", "target_info", "job", "j")).isTargetInfo(0)).isTrue();
    assertThat(scan(500, a)).as("within the time threshold").isNotNull();
  }

  @Test
  void anythingElseIsLeftToDecoding() {
    assertThat(scan(Long.MIN_VALUE, series("job", "j", "__name__", "up"))).as("unsorted").isNull();
    assertThat(scan(Long.MIN_VALUE, series("__name__", "up", "job", "a", "job", "b"))).as("twice").isNull();
    assertThat(scan(Long.MIN_VALUE, series("__name__", "up", "job", ""))).as("empty value").isNull();
    assertThat(scan(Long.MIN_VALUE, series("job", "j"))).as("no name").isNull();
    assertThat(scan(Long.MIN_VALUE, series("__name__", ""))).as("empty name").isNull();
    assertThat(scan(Long.MIN_VALUE, series("__name__", "up", "a__b", "v"))).as("double underscore").isNull();
    assertThat(scan(Long.MIN_VALUE, series("__meta", "v", "__name__", "up"))).as("reserved name").isNull();
    assertThat(scan(Long.MIN_VALUE, series("__name__", "up", "host.name", "v"))).as("dot").isNull();
    assertThat(scan(Long.MIN_VALUE, series("__name__", "up", "otel_scope_name", "lib"))).isNull();
    assertThat(scan(1001, series("__name__", "up"))).as("older than the threshold").isNull();
    TimeSeries withExemplar = new TimeSeries(List.of(new Label("__name__", "up")), List.of(new Sample(1, 1000)),
        List.of(new Exemplar(List.of(new Label("trace_id", "abc")), 1, 1000)));
    assertThat(scan(Long.MIN_VALUE, withExemplar)).as("exemplars").isNull();
    byte[] withMetadata = RemoteWriteCodec.encode(new WriteRequest(List.of(series("__name__", "up")),
        List.of(new MetricMetadata(MetricType.values()[2], "up", "", ""))));
    assertThat(RemoteWriteChunk.scan(withMetadata, Long.MIN_VALUE, "s", "1", NO_DECODING)).isNull();
    byte[] ok = RemoteWriteCodec.encode(new WriteRequest(List.of(series("__name__", "up", "job", "abc")),
        List.of()));
    for (int cut = 1; cut < ok.length; cut++) {
      assertThat(RemoteWriteChunk.scan(Arrays.copyOf(ok, cut), Long.MIN_VALUE, "s", "1", NO_DECODING))
          .as("truncated at %d", cut).isNull();
    }
    byte[] badUtf8 = ok.clone();
    badUtf8[ok.length - 17] = (byte) 0xC3; // the 'a' of "abc" (before a 14-byte sample): a sequence that does not end
    assertThat(RemoteWriteChunk.scan(badUtf8, Long.MIN_VALUE, "s", "1", NO_DECODING)).isNull();
    assertThat(RemoteWriteChunk.scan(ok, Long.MIN_VALUE, "s", "1", NO_DECODING)).isNotNull();
  }

  @Test
  void cutsBetweenSeriesKeepTheBytesAndInsideOneDecode() {
    TimeSeries a = series(List.of(new Sample(1, 1000), new Sample(2, 2000)), "__name__", "a");
    TimeSeries b = series(List.of(new Sample(3, 1000), new Sample(4, 2000), new Sample(5, 3000)), "__name__", "b");
    RemoteWriteChunk c = scan(Long.MIN_VALUE, a, b);
    List<NativeChunk<Metrics>> between = c.splitAt(2);
    assertThat(between).allSatisfy(x -> assertThat(((RemoteWriteChunk) x).isEncoded()).isTrue());
    assertThat(((RemoteWriteChunk) between.get(0)).series()).containsExactly(a);
    assertThat(((RemoteWriteChunk) between.get(1)).series()).containsExactly(b);
    assertThat(between).extracting(NativeChunk::itemCount).containsExactly(2, 3);
    List<NativeChunk<Metrics>> inside = c.splitAt(3);
    assertThat(inside).extracting(NativeChunk::itemCount).containsExactly(3, 2);
    assertThat(((RemoteWriteChunk) inside.get(0)).series()).containsExactly(a,
        series(List.of(new Sample(3, 1000)), "__name__", "b"));
    assertThat(((RemoteWriteChunk) inside.get(1)).series()).containsExactly(
        series(List.of(new Sample(4, 2000), new Sample(5, 3000)), "__name__", "b"));
  }
}
