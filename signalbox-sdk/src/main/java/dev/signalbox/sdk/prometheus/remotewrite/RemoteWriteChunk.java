package dev.signalbox.sdk.prometheus.remotewrite;

import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.NativeChunk;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The series of a remote-write request, held in a metrics batch as they came (see
 * {@link NativeChunk}): the {@code prometheusremotewrite} receiver creates it when everything
 * after it handles {@link #FORMAT}, and the {@code prometheusremotewrite} exporter writes the
 * series on without translating them into OTLP and back. Items are samples.
 *
 * <p>Two forms. <b>Encoded</b> ({@link #scan}): the request's own protobuf bytes and where each
 * series is, for requests whose every series is <em>canonical</em>, that is written back the same
 * by the round trip through OTLP apart from the exporter's own labels: labels in strictly
 * increasing name order (so none twice), a non-empty {@code __name__}, other names plain
 * ({@code [A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*_?}, none {@code otel_scope_*}), values non-empty
 * valid UTF-8, then samples only (no exemplars), every sample within the time threshold. The
 * exporter then copies each series' bytes, splicing its labels in. <b>Decoded</b>
 * ({@link #decoded}): the series as {@link TimeSeries}, for any other request.
 *
 * <p>The receiver checked the series (a metric name, no label twice). Anyone who reads the batch
 * instead gets the receiver's OTLP translation ({@code decoder}).
 */
public final class RemoteWriteChunk implements NativeChunk<Metrics> {
  /** The format name consumers declare in {@code Capabilities.nativeFormats()}. */
  public static final String FORMAT = "prometheus.remote_write.v1";
  private static final byte[] NAME = "__name__".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TARGET_INFO = "target_info".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SCOPE_PREFIX = "otel_scope_".getBytes(StandardCharsets.US_ASCII);

  private final byte[] buf;
  /** Encoded form: per series, where its content starts, how long it is, where its labels end, its samples. */
  private final int[] offsets;
  private final int[] lengths;
  private final int[] labelsEnds;
  private final int[] sampleCounts;
  /** Encoded form: per series, whether it is {@code target_info} (seen by the scan). */
  private final boolean[] targetInfos;
  private final List<TimeSeries> series;
  private final int samples;
  private final String scopeName;
  private final String scopeVersion;
  private final BiConsumer<List<TimeSeries>, Metrics> decoder;

  private RemoteWriteChunk(byte[] buf, int[] offsets, int[] lengths, int[] labelsEnds, int[] sampleCounts,
      boolean[] targetInfos, List<TimeSeries> series, int samples, String scopeName, String scopeVersion,
      BiConsumer<List<TimeSeries>, Metrics> decoder) {
    this.buf = buf;
    this.offsets = offsets;
    this.lengths = lengths;
    this.labelsEnds = labelsEnds;
    this.sampleCounts = sampleCounts;
    this.targetInfos = targetInfos;
    this.series = series;
    this.samples = samples;
    this.scopeName = Objects.requireNonNull(scopeName, "scopeName");
    this.scopeVersion = Objects.requireNonNull(scopeVersion, "scopeVersion");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
  }

  /**
   * The decoded form: {@code series} (not copied, must not be changed) holding {@code samples}.
   *
   * @param scopeName the instrumentation scope the receiver's OTLP translation gives the series
   * @param decoder appends the receiver's OTLP translation of series to a batch
   */
  public static RemoteWriteChunk decoded(List<TimeSeries> series, int samples, String scopeName, String scopeVersion,
      BiConsumer<List<TimeSeries>, Metrics> decoder) {
    return new RemoteWriteChunk(null, null, null, null, null, null, Objects.requireNonNull(series, "series"),
        samples, scopeName, scopeVersion, decoder);
  }

  /**
   * The encoded form of the uncompressed {@code WriteRequest} in {@code buf} (kept, not copied: it
   * must not change), or null when the request is not made only of canonical series (see the class
   * comment), has metadata, or does not parse (the caller then decodes it, which reports what is
   * wrong). Series without samples are left out.
   *
   * @param oldestMillis a sample older than this makes the request not canonical
   */
  public static RemoteWriteChunk scan(byte[] buf, long oldestMillis, String scopeName, String scopeVersion,
      BiConsumer<List<TimeSeries>, Metrics> decoder) {
    int n = 0;
    int[] offsets = new int[64];
    int[] lengths = new int[64];
    int[] labelsEnds = new int[64];
    int[] counts = new int[64];
    boolean[] infos = new boolean[64];
    int total = 0;
    int p = 0;
    int end = buf.length;
    while (p < end) {
      if (buf[p] != 0x0A) {
        return null; // metadata (field 3) or anything else
      }
      long len = varint(buf, p + 1, end);
      if (len < 0) {
        return null;
      }
      int start = (int) (len >>> 32);
      int size = (int) len;
      if (size > end - start) {
        return null;
      }
      long labels = labelsEnd(buf, start, start + size);
      if (labels < 0) {
        return null;
      }
      int labelsEnd = (int) labels;
      int k = samples(buf, labelsEnd, start + size, oldestMillis);
      if (k < 0) {
        return null;
      }
      if (k > 0) {
        if (n == offsets.length) {
          offsets = Arrays.copyOf(offsets, n * 2);
          lengths = Arrays.copyOf(lengths, n * 2);
          labelsEnds = Arrays.copyOf(labelsEnds, n * 2);
          counts = Arrays.copyOf(counts, n * 2);
          infos = Arrays.copyOf(infos, n * 2);
        }
        offsets[n] = start;
        lengths[n] = size;
        labelsEnds[n] = labelsEnd;
        counts[n] = k;
        infos[n] = (labels & TARGET_INFO_BIT) != 0;
        n++;
        total += k;
      }
      p = start + size;
    }
    return new RemoteWriteChunk(buf, Arrays.copyOf(offsets, n), Arrays.copyOf(lengths, n), Arrays.copyOf(labelsEnds, n),
        Arrays.copyOf(counts, n), Arrays.copyOf(infos, n), null, total, scopeName, scopeVersion, decoder);
  }

  /** In what {@link #labelsEnd} returns: the series is {@code target_info}. */
  private static final long TARGET_INFO_BIT = 1L << 32;

  /**
   * Where the canonical label fields that open the series in {@code [p, end)} end (low 32 bits,
   * with {@link #TARGET_INFO_BIT} set for {@code target_info}), or -1. Each label is
   * {@code 0x0A len 0x0A nlen name 0x12 vlen value}.
   */
  private static long labelsEnd(byte[] b, int p, int end) {
    int prevName = -1;
    int prevNameLen = 0;
    boolean named = false;
    boolean targetInfo = false;
    while (p < end && b[p] == 0x0A) {
      long len = varint(b, p + 1, end);
      if (len < 0) {
        return -1;
      }
      int q = (int) (len >>> 32);
      int labelEnd = q + (int) len;
      if ((int) len > end - q || q >= labelEnd || b[q] != 0x0A) {
        return -1;
      }
      long nl = varint(b, q + 1, labelEnd);
      if (nl < 0) {
        return -1;
      }
      int name = (int) (nl >>> 32);
      int nameLen = (int) nl;
      int v = name + nameLen;
      if (nameLen <= 0 || nameLen > labelEnd - name || v >= labelEnd || b[v] != 0x12) {
        return -1;
      }
      long vl = varint(b, v + 1, labelEnd);
      if (vl < 0) {
        return -1;
      }
      int value = (int) (vl >>> 32);
      int valueLen = (int) vl;
      if (valueLen <= 0 || value + valueLen != labelEnd) {
        return -1; // empty value, or other fields in the label
      }
      if (prevName >= 0 && Arrays.compareUnsigned(b, prevName, prevName + prevNameLen, b, name, v) >= 0) {
        return -1; // not in strictly increasing order
      }
      if (Arrays.equals(b, name, v, NAME, 0, NAME.length)) {
        named = true;
        targetInfo = Arrays.equals(b, value, labelEnd, TARGET_INFO, 0, TARGET_INFO.length);
      } else if (!plainName(b, name, v) || startsWith(b, name, v, SCOPE_PREFIX)) {
        return -1;
      }
      if (!utf8(b, value, labelEnd)) {
        return -1;
      }
      prevName = name;
      prevNameLen = nameLen;
      p = labelEnd;
    }
    return named ? p | (targetInfo ? TARGET_INFO_BIT : 0) : -1;
  }

  /**
   * Counts the samples that are the fields in {@code [p, end)}, or -1 when there is anything else
   * (labels after samples, exemplars, native histograms, unknown fields), a sample does not parse,
   * or one is older than {@code oldest}.
   */
  private static int samples(byte[] b, int p, int end, long oldest) {
    int k = 0;
    while (p < end) {
      if (b[p] != 0x12) {
        return -1;
      }
      long len = varint(b, p + 1, end);
      if (len < 0) {
        return -1;
      }
      int q = (int) (len >>> 32);
      int e = q + (int) len;
      if ((int) len > end - q) {
        return -1;
      }
      long t = timestamp(b, q, e);
      if (t == Long.MIN_VALUE || t < oldest) {
        return -1;
      }
      k++;
      p = e;
    }
    return k;
  }

  /** The timestamp field of a sample's content (0 if absent), or Long.MIN_VALUE when it has anything but a value and a timestamp. */
  private static long timestamp(byte[] b, int p, int end) {
    long t = 0;
    while (p < end) {
      int tag = b[p];
      if (tag == 0x09) {
        if (end - p < 9) {
          return Long.MIN_VALUE;
        }
        p += 9;
      } else if (tag == 0x10) {
        long v = 0;
        int shift = 0;
        p++;
        while (true) {
          if (p >= end || shift > 63) {
            return Long.MIN_VALUE;
          }
          byte x = b[p++];
          v |= (long) (x & 0x7F) << shift;
          if (x >= 0) {
            break;
          }
          shift += 7;
        }
        t = v;
      } else {
        return Long.MIN_VALUE;
      }
    }
    return p == end ? t : Long.MIN_VALUE;
  }

  /** A length varint at {@code p}: (where the bytes after it start) &lt;&lt; 32 | the length; -1 if bad. */
  private static long varint(byte[] b, int p, int end) {
    int v = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      if (p >= end) {
        return -1;
      }
      byte x = b[p++];
      if (shift == 28 && (x & 0xF8) != 0) {
        return -1; // 2^31 or more
      }
      v |= (x & 0x7F) << shift;
      if (x >= 0) {
        return ((long) p << 32) | (v & 0xFFFFFFFFL);
      }
    }
    return -1;
  }

  /** {@code [A-Za-z][A-Za-z0-9]*} with single underscores between: a name the translation keeps as it is. */
  private static boolean plainName(byte[] b, int p, int end) {
    byte c = b[p];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
      return false;
    }
    byte prev = c;
    for (int i = p + 1; i < end; i++) {
      c = b[i];
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && (c != '_' || prev == '_')) {
        return false;
      }
      prev = c;
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int p, int end, byte[] prefix) {
    return end - p >= prefix.length && Arrays.equals(b, p, p + prefix.length, prefix, 0, prefix.length);
  }

  private static boolean utf8(byte[] b, int p, int end) {
    for (int i = p; i < end; i++) {
      if (b[i] < 0) {
        try {
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, p, end - p));
          return true;
        } catch (CharacterCodingException e) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public int itemCount() {
    return samples;
  }

  /** The bytes held (encoded form), or roughly what the decoded series take. */
  @Override
  public long sizeHint() {
    if (series != null) {
      return 64L * samples + 16L * series.size();
    }
    long n = 0;
    for (int len : lengths) {
      n += len + 4;
    }
    return n;
  }

  @Override
  public void decodeInto(Metrics into) {
    decoder.accept(series(), into);
  }

  public String scopeName() {
    return scopeName;
  }

  public String scopeVersion() {
    return scopeVersion;
  }

  /** Whether the chunk holds the request's bytes (else its decoded series). */
  public boolean isEncoded() {
    return series == null;
  }

  /** Series in the chunk. */
  public int seriesCount() {
    return series != null ? series.size() : offsets.length;
  }

  /** Encoded form: the bytes the series are in. */
  public byte[] buffer() {
    return buf;
  }

  /** Encoded form: where series {@code i}'s content (its fields) starts in {@link #buffer()}. */
  public int offset(int i) {
    return offsets[i];
  }

  /** Encoded form: the length of series {@code i}'s content. */
  public int length(int i) {
    return lengths[i];
  }

  /** Encoded form: where series {@code i}'s label fields end (its samples and exemplars follow). */
  public int labelsEnd(int i) {
    return labelsEnds[i];
  }

  /** Encoded form: whether series {@code i} is {@code target_info}. */
  public boolean isTargetInfo(int i) {
    return targetInfos[i];
  }

  /** The series, decoded (the encoded form decodes its bytes). */
  public List<TimeSeries> series() {
    if (series != null) {
      return series;
    }
    List<TimeSeries> out = new ArrayList<>(offsets.length);
    for (int i = 0; i < offsets.length; i++) {
      try {
        out.add(RemoteWriteCodec.decodeSeries(buf, offsets[i], lengths[i]));
      } catch (MalformedDataException e) {
        throw new IllegalStateException("a scanned series does not decode: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Cuts between series, or inside one's samples (its exemplars stay with its last part); an
   * encoded chunk cut inside a series is decoded first.
   */
  @Override
  public List<NativeChunk<Metrics>> splitAt(int n) {
    if (n <= 0 || n >= samples) {
      throw new IllegalArgumentException("cannot cut " + samples + " samples after " + n);
    }
    if (series == null) {
      int taken = 0;
      int i = 0;
      while (taken < n) {
        taken += sampleCounts[i++];
      }
      if (taken == n) {
        return List.of(slice(0, i, n), slice(i, offsets.length, samples - n));
      }
    }
    List<TimeSeries> first = new ArrayList<>();
    List<TimeSeries> rest = new ArrayList<>();
    int taken = 0;
    for (TimeSeries t : series()) {
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
    return List.of(decoded(first, n, scopeName, scopeVersion, decoder),
        decoded(rest, samples - n, scopeName, scopeVersion, decoder));
  }

  private RemoteWriteChunk slice(int from, int to, int k) {
    return new RemoteWriteChunk(buf, Arrays.copyOfRange(offsets, from, to), Arrays.copyOfRange(lengths, from, to),
        Arrays.copyOfRange(labelsEnds, from, to), Arrays.copyOfRange(sampleCounts, from, to),
        Arrays.copyOfRange(targetInfos, from, to), null, k, scopeName, scopeVersion, decoder);
  }
}
