package dev.signalbox.sdk.prometheus.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricType;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteCodecTest {
  static WriteRequest request() {
    return new WriteRequest(List.of(
        new TimeSeries(List.of(new Label("__name__", "http_requests_total"), new Label("job", "api")),
            List.of(new Sample(42.5, 1_700_000_000_000L), Sample.stale(1_700_000_015_000L)),
            List.of(new Exemplar(List.of(new Label("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")), 0.25,
                1_700_000_000_001L))),
        new TimeSeries(List.of(new Label("__name__", "up")), List.of(new Sample(1, 1L)), List.of())),
        List.of(new MetricMetadata(MetricType.COUNTER, "http_requests", "Requests served", "")));
  }

  @Test
  void roundTripsThroughProtobufAndSnappyKeepingTheStalenessMarker() throws Exception {
    WriteRequest r = request();
    byte[] body = RemoteWriteCodec.encodeCompressed(r);
    WriteRequest back = RemoteWriteCodec.decodeCompressed(body, 1 << 20);
    assertThat(back).isEqualTo(r);
    assertThat(back.timeseries().get(0).samples().get(1).isStale()).isTrue();
    assertThat(back.sampleCount()).isEqualTo(3);
    assertThat(back.timeseries().get(0).label("job")).isEqualTo("api");
  }

  @Test
  void rejectsCorruptSnappyTruncatedProtobufAndInflationBeyondTheLimit() {
    assertThatThrownBy(() -> RemoteWriteCodec.decodeCompressed("not snappy".getBytes(), 1 << 20))
        .isInstanceOf(MalformedDataException.class).hasMessage("snappy: corrupt input");
    byte[] raw = RemoteWriteCodec.encode(request());
    assertThatThrownBy(() -> RemoteWriteCodec.decode(raw, 0, raw.length - 5))
        .isInstanceOf(MalformedDataException.class).hasMessage("truncated field: length 34 exceeds the 29 bytes left at byte 180 (metadata[0])");
    byte[] big = RemoteWriteCodec.encodeCompressed(request());
    assertThatThrownBy(() -> RemoteWriteCodec.decodeCompressed(big, 10))
        .isInstanceOf(MalformedDataException.class).hasMessageStartingWith("snappy: decompressed size");
    assertThat(Arrays.equals(raw, RemoteWriteCodec.encode(request()))).isTrue();
  }
}
