package dev.signalbox.sdk.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteCodecSizeTest {
  static int actual(TimeSeries ts) {
    return RemoteWriteCodec.encode(new WriteRequest(List.of(ts), List.of())).length;
  }

  @Test
  void encodedSizeIsExactlyWhatEncodingTakes() {
    List<TimeSeries> cases = List.of(
        new TimeSeries(List.of(), List.of(), List.of()),
        new TimeSeries(List.of(new Label("__name__", "up")), List.of(new Sample(1, 1_700_000_000_000L)), List.of()),
        new TimeSeries(List.of(new Label("__name__", "zero"), new Label("", "")), List.of(new Sample(0, 0)), List.of()),
        new TimeSeries(List.of(new Label("__name__", "neg"), new Label("grüße", "日本語 😀")),
            List.of(new Sample(-1.5, -5), Sample.stale(1)), List.of()),
        new TimeSeries(List.of(new Label("__name__", "x".repeat(300)), new Label("v", "y".repeat(20_000))),
            List.of(new Sample(Double.NaN, Long.MAX_VALUE)),
            List.of(new Exemplar(List.of(new Label("trace_id", "abc")), 0.25, 1_700_000_000_001L),
                new Exemplar(List.of(), 0, 0))),
        new TimeSeries(List.of(new Label("broken", "\uD800 alone")), List.of(new Sample(2, 2)), List.of()));
    for (TimeSeries ts : cases) {
      assertThat(RemoteWriteCodec.encodedSize(ts)).as(ts.toString().substring(0, Math.min(80, ts.toString().length())))
          .isEqualTo(actual(ts));
    }
  }
}
