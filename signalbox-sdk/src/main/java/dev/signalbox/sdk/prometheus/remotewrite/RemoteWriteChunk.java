package dev.signalbox.sdk.prometheus.remotewrite;

import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NativeChunk;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The series of a remote-write request, held in a metrics batch as they came (see
 * {@link NativeChunk}): the {@code prometheusremotewrite} receiver creates it when everything
 * after it handles {@link #FORMAT}, and the {@code prometheusremotewrite} exporter writes the
 * series on without translating them into OTLP and back. Items are samples.
 *
 * <p>The series were checked by the receiver (a metric name, no label twice) and hold only samples
 * to forward. Anyone else reading the batch gets the receiver's OTLP translation ({@code decoder}).
 *
 * @param series the series, as decoded; not copied, must not be changed
 * @param scopeName the instrumentation scope the receiver's OTLP translation gives the series
 * @param scopeVersion its version
 * @param decoder appends the receiver's OTLP translation of series to a batch
 */
public record RemoteWriteChunk(List<TimeSeries> series, int samples, String scopeName, String scopeVersion,
    BiConsumer<List<TimeSeries>, Metrics> decoder) implements NativeChunk<Metrics> {
  /** The format name consumers declare in {@code Capabilities.nativeFormats()}. */
  public static final String FORMAT = "prometheus.remote_write.v1";

  public RemoteWriteChunk {
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(scopeName, "scopeName");
    Objects.requireNonNull(scopeVersion, "scopeVersion");
    Objects.requireNonNull(decoder, "decoder");
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public int itemCount() {
    return samples;
  }

  /** Roughly what the series take in memory: a sample and its share of the label set. */
  @Override
  public long sizeHint() {
    return 64L * samples + 16L * series.size();
  }

  @Override
  public void decodeInto(Metrics into) {
    decoder.accept(series, into);
  }

  /** Cuts between series, or inside one's samples (its exemplars stay with its last part). */
  @Override
  public List<NativeChunk<Metrics>> splitAt(int n) {
    if (n <= 0 || n >= samples) {
      throw new IllegalArgumentException("cannot cut " + samples + " samples after " + n);
    }
    List<TimeSeries> first = new ArrayList<>();
    List<TimeSeries> rest = new ArrayList<>();
    int taken = 0;
    for (TimeSeries t : series) {
      int k = t.samples().size();
      if (taken >= n) {
        rest.add(t);
      } else if (taken + k <= n) {
        first.add(t);
      } else {
        int cut = n - taken;
        List<Sample> s = t.samples();
        first.add(new TimeSeries(t.labels(), s.subList(0, cut), List.of()));
        rest.add(new TimeSeries(t.labels(), s.subList(cut, k), t.exemplars()));
      }
      taken += k;
    }
    return List.of(new RemoteWriteChunk(first, n, scopeName, scopeVersion, decoder),
        new RemoteWriteChunk(rest, samples - n, scopeName, scopeVersion, decoder));
  }
}
