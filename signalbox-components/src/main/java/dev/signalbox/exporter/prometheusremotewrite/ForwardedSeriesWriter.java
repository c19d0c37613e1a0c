package dev.signalbox.exporter.prometheusremotewrite;

import dev.signalbox.sdk.prometheus.remotewrite.LabelInterner;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteChunk;
import dev.signalbox.sdk.prometheus.remotewrite.RemoteWriteCodec;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Label;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.Sample;
import dev.signalbox.sdk.prometheus.remotewrite.WriteRequest.TimeSeries;
import dev.signalbox.sdk.prometheus.translate.OtlpToPrometheus;
import dev.signalbox.sdk.prometheus.translate.TranslationSettings;
import dev.signalbox.sdk.proto.ProtoWriter;
import dev.signalbox.sdk.proto.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes series forwarded as they came ({@link RemoteWriteChunk}) as {@code timeseries} entries of
 * a remote-write request, with the labels {@link OtlpToPrometheus#forwardedLabels} gives them,
 * samples and exemplars as they came. An encoded series (canonical labels, see
 * {@link RemoteWriteChunk}) is copied byte for byte with the exporter's labels merged into its
 * sorted label fields: the scope labels (replacing), the external labels (where absent), the
 * namespace before the metric name ({@code target_info}: external labels only). A decoded series
 * gets its labels from {@code forwardedLabels}, remembered with its interned label set.
 * Thread-safe.
 */
final class ForwardedSeriesWriter {
  private static final byte[] NAME = "__name__".getBytes(StandardCharsets.US_ASCII);

  /** A label the exporter adds: its name and its whole encoded label field; {@code replaces}: wins over the series'. */
  private record Extra(byte[] name, byte[] field, boolean replaces) {}

  /** What a decoded label set is written as (labels null: not written); {@code owner} is the writer. */
  private record Forwarded(Object owner, List<Label> labels, byte[] encoded) {}

  private final OtlpToPrometheus translator;
  private final String scopeName;
  private final String scopeVersion;
  private final Extra[] extras;
  private final Extra[] infoExtras;
  private final byte[] namePrefix;
  private final boolean targetInfo;

  ForwardedSeriesWriter(OtlpToPrometheus translator, String scopeName, String scopeVersion) {
    this.translator = translator;
    this.scopeName = scopeName;
    this.scopeVersion = scopeVersion;
    TranslationSettings s = translator.settings();
    Map<String, Extra> ex = new TreeMap<>(); // label names are ASCII: String order is byte order
    s.externalLabels().forEach((k, v) -> ex.put(k, extra(k, v, false)));
    this.infoExtras = ex.values().toArray(Extra[]::new);
    if (s.scopeLabels()) {
      if (!scopeName.isEmpty()) {
        ex.put("otel_scope_name", extra("otel_scope_name", scopeName, true));
      }
      if (!scopeVersion.isEmpty()) {
        ex.put("otel_scope_version", extra("otel_scope_version", scopeVersion, true));
      }
    }
    this.extras = ex.values().toArray(Extra[]::new);
    this.namePrefix = s.namespace().isEmpty() ? null : (s.namespace() + "_").getBytes(StandardCharsets.UTF_8);
    this.targetInfo = s.targetInfo();
  }

  private static Extra extra(String name, String value, boolean replaces) {
    return new Extra(name.getBytes(StandardCharsets.UTF_8), RemoteWriteCodec.encodeLabels(List.of(new Label(name,
        value))), replaces);
  }

  String scopeName() {
    return scopeName;
  }

  String scopeVersion() {
    return scopeVersion;
  }

  /** Writes series {@code i} of encoded {@code chunk} to {@code out} (nothing for target_info when disabled). */
  void write(RemoteWriteChunk chunk, int i, Bytes out) {
    byte[] b = chunk.buffer();
    int off = chunk.offset(i);
    int end = off + chunk.length(i);
    int labelsEnd = chunk.labelsEnd(i);
    boolean info = chunk.isTargetInfo(i);
    if (info && !targetInfo) {
      return;
    }
    Extra[] ex = info ? infoExtras : extras;
    byte[] prefix = info ? null : namePrefix;
    if (ex.length == 0 && prefix == null) {
      out.write(0x0A);
      out.writeVarint(end - off);
      out.write(b, off, end - off);
      return;
    }
    // the content (merged labels, then the samples as they are) is written after 5 reserved bytes;
    // frame() then writes the series' tag and length there and moves the content up to them
    int mark = out.size();
    out.reserve(5);
    int content = out.size();
    int e = 0;
    int p = off;
    while (p < labelsEnd) {
      int fieldEnd = fieldEnd(b, p);
      int label = lengthEnd(b, p + 1); // the label's name field
      int nameStart = lengthEnd(b, label + 1);
      int nameEnd = nameStart + varint(b, label + 1);
      while (e < ex.length && Arrays.compareUnsigned(ex[e].name, 0, ex[e].name.length, b, nameStart, nameEnd) < 0) {
        out.write(ex[e].field, 0, ex[e].field.length);
        e++;
      }
      if (e < ex.length && Arrays.equals(ex[e].name, 0, ex[e].name.length, b, nameStart, nameEnd)) {
        Extra x = ex[e++];
        if (x.replaces) {
          out.write(x.field, 0, x.field.length);
          p = fieldEnd;
          continue;
        }
      }
      if (prefix != null && Arrays.equals(b, nameStart, nameEnd, NAME, 0, NAME.length)) {
        int valueStart = lengthEnd(b, nameEnd + 1);
        writeName(out, prefix, b, valueStart, fieldEnd);
      } else {
        out.write(b, p, fieldEnd - p);
      }
      p = fieldEnd;
    }
    while (e < ex.length) {
      out.write(ex[e].field, 0, ex[e].field.length);
      e++;
    }
    out.write(b, labelsEnd, end - labelsEnd);
    out.frame(mark, content);
  }

  /** {@code __name__} with {@code prefix} before the name in {@code b[from, to)}. */
  private static void writeName(Bytes out, byte[] prefix, byte[] b, int from, int to) {
    int valueLen = prefix.length + (to - from);
    int label = 1 + WireFormat.varintSize32(NAME.length) + NAME.length
        + 1 + WireFormat.varintSize32(valueLen) + valueLen;
    out.write(0x0A);
    out.writeVarint(label);
    out.write(0x0A);
    out.writeVarint(NAME.length);
    out.write(NAME, 0, NAME.length);
    out.write(0x12);
    out.writeVarint(valueLen);
    out.write(prefix, 0, prefix.length);
    out.write(b, from, to - from);
  }

  /** Writes decoded series {@code t} to {@code out} (nothing when its labels are not written). */
  void write(TimeSeries t, Bytes out) {
    Forwarded f = forwarded(t.labels());
    if (f.labels == null) {
      return;
    }
    List<Sample> samples = t.samples();
    int n = samples.size();
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int k = 0; k < n; k++) {
      ts[k] = samples.get(k).timestampMillis();
      vs[k] = samples.get(k).value();
    }
    ProtoWriter w = new ProtoWriter(f.encoded.length + 16 * n + 16);
    RemoteWriteCodec.writeSeries(w, f.labels, f.encoded, ts, vs, n, t.exemplars());
    byte[] bytes = w.toByteArray();
    out.write(bytes, 0, bytes.length);
  }

  private Forwarded forwarded(List<Label> labels) {
    LabelInterner.Interned interned = labels instanceof LabelInterner.Interned i ? i : null;
    if (interned != null && interned.memo() instanceof Forwarded f && f.owner == this) {
      return f;
    }
    List<Label> out = translator.forwardedLabels(labels, scopeName, scopeVersion);
    Forwarded f = new Forwarded(this, out, out == null ? null : RemoteWriteCodec.encodeLabels(out));
    if (interned != null) {
      interned.memo(f);
    }
    return f;
  }

  // ---- protobuf bytes the scan has already checked ----------------------------------------------

  /** Where the length varint starting at {@code p} ends. */
  private static int lengthEnd(byte[] b, int p) {
    while (b[p] < 0) {
      p++;
    }
    return p + 1;
  }

  private static int varint(byte[] b, int p) {
    int v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[p++];
      v |= (x & 0x7F) << shift;
      if (x >= 0) {
        return v;
      }
    }
  }

  /** Where the length-delimited field whose tag is at {@code p} ends. */
  private static int fieldEnd(byte[] b, int p) {
    return lengthEnd(b, p + 1) + varint(b, p + 1);
  }

  /** A growing byte array written front to back. */
  static final class Bytes {
    private byte[] buf;
    private int size;

    Bytes(int capacity) {
      buf = new byte[Math.max(64, capacity)];
    }

    int size() {
      return size;
    }

    byte[] array() {
      return buf;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void write(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void write(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, buf, size, len);
      size += len;
    }

    void writeVarint(int v) {
      ensure(5);
      size = putVarint(buf, size, v);
    }

    /** Writes {@code v} as a varint at {@code at}; returns where it ends. */
    private static int putVarint(byte[] b, int at, int v) {
      while ((v & ~0x7F) != 0) {
        b[at++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      b[at++] = (byte) v;
      return at;
    }

    void reserve(int n) {
      ensure(n);
      size += n;
    }

    /**
     * Makes the bytes from {@code content} to the end a {@code timeseries} field: its tag and
     * length go at {@code mark} (where {@code content - mark} bytes were reserved), the content
     * moving back to follow them.
     */
    void frame(int mark, int content) {
      int len = size - content;
      int header = 1 + WireFormat.varintSize32(len);
      buf[mark] = 0x0A;
      putVarint(buf, mark + 1, len);
      System.arraycopy(buf, content, buf, mark + header, len);
      size = mark + header + len;
    }
  }
}
