package dev.signalbox.sdk.prometheus.remotewrite;

import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Exemplar;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricMetadata;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.MetricType;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.proto.KnownFields;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.sdk.proto.ProtoReader;
import dev.signalbox.sdk.proto.ProtoWriter;
import dev.signalbox.sdk.proto.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Remote write 1.0 on the wire: protobuf {@link WriteRequest} compressed with the snappy <b>block</b>
 * format, sent as {@code Content-Type: application/x-protobuf}, {@code Content-Encoding: snappy},
 * {@code X-Prometheus-Remote-Write-Version: 0.1.0}. Stateless and thread-safe.
 */
public final class RemoteWriteCodec {
  public static final String CONTENT_TYPE = "application/x-protobuf";
  public static final String CONTENT_ENCODING = "snappy";
  public static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";
  public static final String VERSION = "0.1.0";

  private static final KnownFields REQUEST = KnownFields.of(
      "timeseries", 1, WireFormat.LEN, "metadata", 3, WireFormat.LEN);
  private static final KnownFields SERIES = KnownFields.of("labels", 1, WireFormat.LEN, "samples", 2, WireFormat.LEN,
      "exemplars", 3, WireFormat.LEN, "histograms", 4, WireFormat.LEN);

  private RemoteWriteCodec() {}

  /** The uncompressed protobuf bytes of {@code request}. */
  public static byte[] encode(WriteRequest request) {
    ProtoWriter w = new ProtoWriter(1024 + request.timeseries().size() * 64);
    List<MetricMetadata> md = request.metadata();
    for (int i = md.size() - 1; i >= 0; i--) {
      MetricMetadata m = md.get(i);
      int s = w.size();
      w.writeString(5, m.unit());
      w.writeString(4, m.help());
      w.writeString(2, m.metricFamilyName());
      w.writeInt32(1, m.type().ordinal());
      w.endMessage(3, s);
    }
    List<TimeSeries> ts = request.timeseries();
    for (int i = ts.size() - 1; i >= 0; i--) {
      int s = w.size();
      writeSeries(w, ts.get(i));
      w.endMessage(1, s);
    }
    return w.toByteArray();
  }

  private static void writeSeries(ProtoWriter w, TimeSeries t) {
    writeExemplars(w, t.exemplars());
    List<Sample> samples = t.samples();
    for (int i = samples.size() - 1; i >= 0; i--) {
      Sample x = samples.get(i);
      writeSample(w, x.value(), x.timestampMillis());
    }
    writeLabels(w, t.labels());
  }

  private static void writeExemplars(ProtoWriter w, List<Exemplar> ex) {
    for (int i = ex.size() - 1; i >= 0; i--) {
      Exemplar e = ex.get(i);
      int s = w.size();
      w.writeInt64(3, e.timestampMillis());
      w.writeDouble(2, e.value());
      writeLabels(w, e.labels());
      w.endMessage(3, s);
    }
  }

  private static void writeSample(ProtoWriter w, double value, long timestampMillis) {
    int s = w.size();
    w.writeInt64(2, timestampMillis);
    w.writeDouble(1, value);
    w.endMessage(2, s);
  }

  // ---- for senders that keep samples in arrays -------------------------------------------------

  /**
   * Writes one {@code timeseries} field of a {@code WriteRequest} being written with {@code w}
   * (back to front: the last series first), byte for byte as {@link #encode} writes the series
   * {@code (labels, samples, exemplars)} with the samples {@code values[i]} at
   * {@code timestamps[i]} for {@code i < n}. A request's body is the concatenation of its series'
   * fields, so consecutive series written this way are also consecutive request bodies.
   */
  public static void writeSeries(ProtoWriter w, List<Label> labels, long[] timestamps, double[] values, int n,
      List<Exemplar> exemplars) {
    writeSeries(w, labels, null, timestamps, values, n, exemplars);
  }

  /**
   * As {@link #writeSeries(ProtoWriter, List, long[], double[], int, List)}, with the label fields
   * already encoded ({@link #encodeLabels} of {@code labels}) when {@code encodedLabels} is not
   * null: a sender that writes the same series again and again encodes its labels once.
   */
  public static void writeSeries(ProtoWriter w, List<Label> labels, byte[] encodedLabels, long[] timestamps,
      double[] values, int n, List<Exemplar> exemplars) {
    int s = w.size();
    writeExemplars(w, exemplars);
    for (int i = n - 1; i >= 0; i--) {
      writeSample(w, values[i], timestamps[i]);
    }
    if (encodedLabels != null) {
      w.writeRaw(encodedLabels, 0, encodedLabels.length);
    } else {
      writeLabels(w, labels);
    }
    w.endMessage(1, s);
  }

  /** The {@code labels} fields of a {@code TimeSeries} with {@code labels}, as {@link #writeSeries} writes them. */
  public static byte[] encodeLabels(List<Label> labels) {
    ProtoWriter w = new ProtoWriter(64 + 32 * labels.size());
    writeLabels(w, labels);
    return w.toByteArray();
  }

  /** Snappy-compresses {@code len} bytes of {@code buf} from {@code off}, as {@link #encodeCompressed} does a request. */
  public static byte[] compress(byte[] buf, int off, int len) {
    try {
      byte[] out = new byte[Snappy.maxCompressedLength(len)];
      int n = Snappy.rawCompress(buf, off, len, out, 0);
      return java.util.Arrays.copyOf(out, n);
    } catch (IOException e) {
      throw new IllegalStateException("snappy compression failed", e);
    }
  }

  private static void writeLabels(ProtoWriter w, List<Label> labels) {
    for (int i = labels.size() - 1; i >= 0; i--) {
      Label l = labels.get(i);
      int s = w.size();
      w.writeString(2, l.value());
      w.writeString(1, l.name());
      w.endMessage(1, s);
    }
  }

  /**
   * The bytes {@code series} takes in an encoded {@code WriteRequest}, its field tag and length
   * included: what a sender adds up to split requests by size. Exact (tested against
   * {@link #encode}).
   */
  public static int encodedSize(TimeSeries series) {
    int n = 0;
    for (Label l : series.labels()) {
      n += fieldSize(labelSize(l));
    }
    for (Sample x : series.samples()) {
      n += fieldSize(sampleSize(x.value(), x.timestampMillis()));
    }
    n += exemplarsSize(series.exemplars());
    return fieldSize(n);
  }

  private static int exemplarsSize(List<Exemplar> exemplars) {
    int n = 0;
    for (Exemplar e : exemplars) {
      int m = 0;
      for (Label l : e.labels()) {
        m += fieldSize(labelSize(l));
      }
      if (Double.doubleToRawLongBits(e.value()) != 0) {
        m += 9;
      }
      if (e.timestampMillis() != 0) {
        m += 1 + varintSize(e.timestampMillis());
      }
      n += fieldSize(m);
    }
    return n;
  }

  /** One byte of tag, the length as a varint, then {@code len} bytes (field numbers below 16). */
  private static int fieldSize(int len) {
    return 1 + varintSize(len) + len;
  }

  private static int labelSize(Label l) {
    int n = 0;
    if (!l.name().isEmpty()) {
      n += fieldSize(utf8Length(l.name()));
    }
    if (!l.value().isEmpty()) {
      n += fieldSize(utf8Length(l.value()));
    }
    return n;
  }

  private static int sampleSize(double value, long timestampMillis) {
    int n = Double.doubleToRawLongBits(value) != 0 ? 9 : 0;
    if (timestampMillis != 0) {
      n += 1 + varintSize(timestampMillis);
    }
    return n;
  }

  private static int varintSize(long v) {
    return v == 0 ? 1 : (64 - Long.numberOfLeadingZeros(v) + 6) / 7;
  }

  /** The UTF-8 length of {@code s} without encoding it (unpaired surrogates count as {@code ?}). */
  private static int utf8Length(String s) {
    int n = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          n += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          n += 2;
          i++;
        } else if (Character.isSurrogate(c)) {
          n += 0;
        } else {
          n += 2;
        }
      }
    }
    return n;
  }

  /** Encodes and snappy-compresses: the HTTP body of a remote-write request. */
  public static byte[] encodeCompressed(WriteRequest request) {
    try {
      return Snappy.compress(encode(request));
    } catch (IOException e) {
      throw new IllegalStateException("snappy compression failed", e);
    }
  }

  /** The length a snappy-compressed body inflates to, or -1 when it is not a valid snappy block. */
  public static int uncompressedLength(byte[] body) {
    try {
      return Snappy.isValidCompressedBuffer(body) ? Snappy.uncompressedLength(body) : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Decodes a snappy-compressed body, refusing one that would inflate beyond {@code maxBytes}. */
  public static WriteRequest decodeCompressed(byte[] body, int maxBytes) throws MalformedDataException {
    return decodeCompressed(body, maxBytes, null);
  }

  /**
   * {@link #decodeCompressed(byte[], int)} through {@code interner} (may be null): see
   * {@link #decode(byte[], int, int, LabelInterner)}.
   */
  public static WriteRequest decodeCompressed(byte[] body, int maxBytes, LabelInterner interner)
      throws MalformedDataException {
    byte[] raw = uncompress(body, maxBytes);
    return decode(raw, 0, raw.length, interner);
  }

  /** Inflates a snappy-compressed body, refusing one that would inflate beyond {@code maxBytes}. */
  public static byte[] uncompress(byte[] body, int maxBytes) throws MalformedDataException {
    byte[] raw;
    try {
      if (!Snappy.isValidCompressedBuffer(body)) {
        throw new MalformedDataException("snappy: corrupt input", "", "");
      }
      int len = Snappy.uncompressedLength(body);
      if (len < 0 || len > maxBytes) {
        throw new MalformedDataException("snappy: decompressed size " + len + " exceeds " + maxBytes + " bytes", "", "");
      }
      raw = Snappy.uncompress(body);
    } catch (IOException e) {
      throw new MalformedDataException("snappy: " + e.getMessage(), "", "");
    }
    return raw;
  }

  /** Decodes one {@code TimeSeries} message's content ({@code len} bytes at {@code off}). */
  public static TimeSeries decodeSeries(byte[] buf, int off, int len) throws MalformedDataException {
    return readSeries(new ProtoReader(buf, off, len), null);
  }

  /** Decodes an uncompressed {@code WriteRequest}; native histograms are skipped. */
  public static WriteRequest decode(byte[] buf, int off, int len) throws MalformedDataException {
    return decode(buf, off, len, null);
  }

  /**
   * Decodes an uncompressed {@code WriteRequest} through {@code interner} (may be null): a
   * series whose label fields are byte for byte those of a series decoded before gets the label
   * list decoded then (the same object), without decoding it again; the result is equal to what
   * {@link #decode(byte[], int, int)} returns, and so are the errors.
   */
  public static WriteRequest decode(byte[] buf, int off, int len, LabelInterner interner)
      throws MalformedDataException {
    ProtoReader r = new ProtoReader(buf, off, len);
    List<TimeSeries> series = new ArrayList<>();
    List<MetricMetadata> metadata = new ArrayList<>();
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | WireFormat.LEN -> {
          int saved = r.enterMessage("timeseries", series.size());
          series.add(readSeries(r, interner));
          r.exitMessage(saved);
        }
        case (3 << 3) | WireFormat.LEN -> {
          int saved = r.enterMessage("metadata", metadata.size());
          metadata.add(readMetadata(r));
          r.exitMessage(saved);
        }
        default -> r.skipUnknown(tag, REQUEST);
      }
    }
    return new WriteRequest(series, metadata);
  }

  private static TimeSeries readSeries(ProtoReader r, LabelInterner interner) throws MalformedDataException {
    List<Label> labels = List.of();
    // one sample (the usual case) stays in first; more go to samples
    Sample first = null;
    List<Sample> samples = null;
    List<Exemplar> exemplars = null;
    // the run of label fields the series starts with, for the interner: [runStart, runEnd)
    int runStart = -1;
    int runEnd = -1;
    while (r.hasMore()) {
      int tagStart = r.arrayPosition();
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | WireFormat.LEN -> {
          if (interner != null && labels.isEmpty() && runStart < 0) {
            int end = labelRunEnd(r.array(), r.arrayPosition(), r.arrayPosition() + r.remaining());
            if (end > 0) {
              LabelInterner.Interned known = interner.labels(r.array(), tagStart, end - tagStart);
              if (known != null) {
                r.skipBytes(end - r.arrayPosition());
                labels = new InternedLabels(known);
                continue;
              }
              runStart = tagStart;
              runEnd = end;
            }
          }
          if (!(labels instanceof ArrayList)) {
            // the first label, or more after the remembered ones (senders do not interleave them)
            labels = new ArrayList<>(labels instanceof InternedLabels il ? il.labels : List.of());
          }
          int saved = r.enterMessage("labels", labels.size());
          labels.add(readLabel(r, interner));
          r.exitMessage(saved);
          if (r.arrayPosition() == runEnd) {
            labels = new InternedLabels(interner.putLabels(r.array(), runStart, runEnd - runStart, labels));
          }
        }
        case (2 << 3) | WireFormat.LEN -> {
          int saved = r.enterMessage("samples", first == null ? 0 : samples == null ? 1 : samples.size());
          double v = 0;
          long t = 0;
          while (r.hasMore()) {
            int st = r.readTag();
            switch (st) {
              case (1 << 3) | WireFormat.I64 -> v = r.readDouble();
              case (2 << 3) | WireFormat.VARINT -> t = r.readVarint64();
              default -> r.skipField(st);
            }
          }
          Sample x = new Sample(v, t);
          if (first == null) {
            first = x;
          } else {
            if (samples == null) {
              samples = new ArrayList<>();
              samples.add(first);
            }
            samples.add(x);
          }
          r.exitMessage(saved);
        }
        case (3 << 3) | WireFormat.LEN -> {
          if (exemplars == null) {
            exemplars = new ArrayList<>();
          }
          int saved = r.enterMessage("exemplars", exemplars.size());
          List<Label> el = new ArrayList<>();
          double v = 0;
          long t = 0;
          while (r.hasMore()) {
            int et = r.readTag();
            switch (et) {
              case (1 << 3) | WireFormat.LEN -> {
                int s2 = r.enterMessage("labels", el.size());
                el.add(readLabel(r, interner));
                r.exitMessage(s2);
              }
              case (2 << 3) | WireFormat.I64 -> v = r.readDouble();
              case (3 << 3) | WireFormat.VARINT -> t = r.readVarint64();
              default -> r.skipField(et);
            }
          }
          exemplars.add(new Exemplar(el, v, t));
          r.exitMessage(saved);
        }
        default -> r.skipUnknown(tag, SERIES);
      }
    }
    return new TimeSeries(labels instanceof InternedLabels il ? il.labels : labels,
        samples != null ? samples : first != null ? List.of(first) : List.of(),
        exemplars == null ? List.of() : exemplars);
  }

  /** A series' labels as the interner gave them, until another label field makes a copy necessary. */
  private static final class InternedLabels extends java.util.AbstractList<Label> {
    final List<Label> labels;

    InternedLabels(List<Label> labels) {
      this.labels = labels;
    }

    @Override
    public Label get(int index) {
      return labels.get(index);
    }

    @Override
    public int size() {
      return labels.size();
    }
  }

  /**
   * Where the run of label fields ({@code 0x0A}, length, bytes) that starts at {@code p} (just
   * after the first one's tag) ends, or -1 when a length does not parse or fit before {@code end}
   * (then the ordinary decoding reports it).
   */
  private static int labelRunEnd(byte[] b, int p, int end) {
    while (true) {
      long len = 0;
      int shift = 0;
      while (true) {
        if (p >= end || shift > 28) {
          return -1;
        }
        byte x = b[p++];
        len |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          break;
        }
        shift += 7;
      }
      if (len > end - p) {
        return -1;
      }
      p += (int) len;
      if (p >= end || b[p] != 0x0A) {
        return p;
      }
      p++;
    }
  }

  private static Label readLabel(ProtoReader r, LabelInterner interner) throws MalformedDataException {
    String name = "";
    String value = "";
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | WireFormat.LEN -> name = readString(r, interner);
        case (2 << 3) | WireFormat.LEN -> value = readString(r, interner);
        default -> r.skipField(tag);
      }
    }
    return new Label(name, value);
  }

  private static String readString(ProtoReader r, LabelInterner interner) throws MalformedDataException {
    if (interner == null) {
      return r.readString();
    }
    int len = r.readLength();
    int p = r.arrayPosition();
    r.skipBytes(len);
    return interner.string(r.array(), p, len);
  }

  private static MetricMetadata readMetadata(ProtoReader r) throws MalformedDataException {
    int type = 0;
    String name = "";
    String help = "";
    String unit = "";
    while (r.hasMore()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | WireFormat.VARINT -> type = r.readVarint32();
        case (2 << 3) | WireFormat.LEN -> name = r.readString();
        case (4 << 3) | WireFormat.LEN -> help = r.readString();
        case (5 << 3) | WireFormat.LEN -> unit = r.readString();
        default -> r.skipField(tag);
      }
    }
    return new MetricMetadata(MetricType.forNumber(type), name, help, unit);
  }
}
