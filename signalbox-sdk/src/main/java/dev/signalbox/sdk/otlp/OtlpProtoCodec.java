package dev.signalbox.sdk.otlp;

import static dev.signalbox.sdk.otlp.Tag.LEN_1;
import static dev.signalbox.sdk.otlp.Tag.LEN_2;
import static dev.signalbox.sdk.otlp.Tag.VARINT_1;

import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.pdata.WireDecoder;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.sdk.proto.ProtoReader;
import dev.signalbox.sdk.proto.ProtoWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * OTLP protobuf ({@code Export*ServiceRequest} / {@code Export*ServiceResponse}) to and from pdata,
 * without protobuf-java.
 *
 * <h2>Decoding</h2>
 * {@link #decodeTraces}, {@link #decodeMetrics} and {@link #decodeLogs} return a <b>wire-backed</b>
 * batch after a structural scan: every tag, wire type of known fields, length, varint and fixed
 * width is checked against the end of its message at every level down to the leaves, ids must be 0
 * or 16 (trace) / 8 (span) bytes, nesting is at most 100 messages, and items (spans, metric data
 * points, log records) are counted. Nothing is built until a consumer reads the batch; an untouched
 * batch is re-sent as the same bytes. Because the scan checked everything the decoder reads, the
 * lazy decode cannot fail. <b>The caller must not modify the array afterwards</b>: the batch keeps
 * it (no copy is made). The {@code *Eager} variants build the whole tree at once, for callers that
 * read everything anyway (they skip the scan, which costs about a third of an eager decode).
 *
 * <p>Malformed input throws the checked {@link MalformedDataException}, whose message names the
 * problem, the byte offset and the field path, e.g. {@code trace_id must be 16 bytes (or empty),
 * got 3 at byte 57 (resource_spans[0].scope_spans[0].spans[0])}; receivers return it to the client
 * as HTTP 400 / gRPC INVALID_ARGUMENT. A known field with the wrong wire type is an error (stricter
 * than protobuf-java, which would keep it as an unknown field); unknown fields are skipped. Strings
 * are decoded leniently: invalid UTF-8 becomes U+FFFD instead of failing the batch.
 *
 * <p>What pdata cannot hold is lost on eager decode (it survives on wire-backed pass-through):
 * unknown fields, the profile-only {@code key_strindex} / {@code string_value_strindex}, the
 * difference between an absent and an empty resource, scope, status or KeyValue value, and an
 * all-zero id (read as "no id").
 *
 * <h2>Encoding</h2>
 * {@link #encode} writes canonical proto3 (defaults omitted, fields in number order) in one
 * back-to-front pass ({@link ProtoWriter}); a wire-backed batch is written as its chunks,
 * concatenated, without decoding.
 *
 * <h2>Profiles</h2>
 * Opaque: {@link #decodeProfiles} checks the request's framing down to the profiles and counts
 * them; encoding returns each request's bytes as received.
 *
 * <p>Stateless and immutable; use {@link #INSTANCE} from any thread.
 */
public final class OtlpProtoCodec implements OtlpCodec {
  public static final OtlpProtoCodec INSTANCE = new OtlpProtoCodec();
  public static final String CONTENT_TYPE = "application/x-protobuf";

  private static final WireDecoder<Traces> TRACES_WIRE = (chunk, into) -> {
    try {
      decoder(chunk).readTraces(into);
    } catch (MalformedDataException e) {
      throw scanMissed(e);
    }
  };
  private static final WireDecoder<Metrics> METRICS_WIRE = (chunk, into) -> {
    try {
      decoder(chunk).readMetrics(into);
    } catch (MalformedDataException e) {
      throw scanMissed(e);
    }
  };
  private static final WireDecoder<Logs> LOGS_WIRE = (chunk, into) -> {
    try {
      decoder(chunk).readLogs(into);
    } catch (MalformedDataException e) {
      throw scanMissed(e);
    }
  };

  private OtlpProtoCodec() {}

  private static OtlpProtoDecoder decoder(WireChunk c) {
    return new OtlpProtoDecoder(c.bytes(), c.offset(), c.length());
  }

  private static IllegalStateException scanMissed(MalformedDataException e) {
    return new IllegalStateException("bug: a chunk that passed the OTLP scan failed to decode: " + e.getMessage(), e);
  }

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  // ---------------------------------------------------------------- decode, wire-backed

  /** A wire-backed batch over an {@code ExportTraceServiceRequest}; see the class comment. */
  public Traces decodeTraces(byte[] buf, int off, int len) throws MalformedDataException {
    int n = new OtlpProtoScanner(buf, off, len).scanTraces();
    return Traces.fromWire(new WireChunk(buf, off, len, n), TRACES_WIRE);
  }

  /** A wire-backed batch over an {@code ExportMetricsServiceRequest}; items are data points. */
  public Metrics decodeMetrics(byte[] buf, int off, int len) throws MalformedDataException {
    int n = new OtlpProtoScanner(buf, off, len).scanMetrics();
    return Metrics.fromWire(new WireChunk(buf, off, len, n), METRICS_WIRE);
  }

  /** A wire-backed batch over an {@code ExportLogsServiceRequest}. */
  public Logs decodeLogs(byte[] buf, int off, int len) throws MalformedDataException {
    int n = new OtlpProtoScanner(buf, off, len).scanLogs();
    return Logs.fromWire(new WireChunk(buf, off, len, n), LOGS_WIRE);
  }

  /**
   * Profiles over an {@code ExportProfilesServiceRequest}, checked down to the framing of each
   * profile (resource_profiles.scope_profiles.profiles, and the dictionary's length) and counted.
   */
  public Profiles decodeProfiles(byte[] buf, int off, int len) throws MalformedDataException {
    int n = new OtlpProtoScanner(buf, off, len).scanProfiles();
    return Profiles.of(new WireChunk(buf, off, len, n));
  }

  // ---------------------------------------------------------------- decode, eager

  /** Decodes an {@code ExportTraceServiceRequest} into a fully built batch (no reference to buf kept). */
  public Traces decodeTracesEager(byte[] buf, int off, int len) throws MalformedDataException {
    Traces t = new Traces();
    new OtlpProtoDecoder(buf, off, len).readTraces(t);
    return t;
  }

  public Metrics decodeMetricsEager(byte[] buf, int off, int len) throws MalformedDataException {
    Metrics m = new Metrics();
    new OtlpProtoDecoder(buf, off, len).readMetrics(m);
    return m;
  }

  public Logs decodeLogsEager(byte[] buf, int off, int len) throws MalformedDataException {
    Logs l = new Logs();
    new OtlpProtoDecoder(buf, off, len).readLogs(l);
    return l;
  }

  // ---------------------------------------------------------------- generic

  /** Wire-backed decode of any signal; profiles as {@link #decodeProfiles}. */
  @Override
  public <T extends Telemetry> T decode(Signal<T> signal, byte[] buf, int off, int len) throws MalformedDataException {
    Telemetry t;
    if (signal == Signal.TRACES) {
      t = decodeTraces(buf, off, len);
    } else if (signal == Signal.METRICS) {
      t = decodeMetrics(buf, off, len);
    } else if (signal == Signal.LOGS) {
      t = decodeLogs(buf, off, len);
    } else {
      t = decodeProfiles(buf, off, len);
    }
    return signal.cast(t);
  }

  /** Eager decode of traces, metrics or logs; profiles are always opaque, as {@link #decodeProfiles}. */
  public <T extends Telemetry> T decodeEager(Signal<T> signal, byte[] buf, int off, int len)
      throws MalformedDataException {
    Telemetry t;
    if (signal == Signal.TRACES) {
      t = decodeTracesEager(buf, off, len);
    } else if (signal == Signal.METRICS) {
      t = decodeMetricsEager(buf, off, len);
    } else if (signal == Signal.LOGS) {
      t = decodeLogsEager(buf, off, len);
    } else {
      t = decodeProfiles(buf, off, len);
    }
    return signal.cast(t);
  }

  /**
   * Runs the structural scan only: checks {@code buf[off .. off+len)} as {@link #decode} does and
   * returns its item count, building nothing.
   */
  public int validate(Signal<?> signal, byte[] buf, int off, int len) throws MalformedDataException {
    OtlpProtoScanner s = new OtlpProtoScanner(buf, off, len);
    if (signal == Signal.TRACES) {
      return s.scanTraces();
    } else if (signal == Signal.METRICS) {
      return s.scanMetrics();
    } else if (signal == Signal.LOGS) {
      return s.scanLogs();
    }
    return s.scanProfiles();
  }

  // ---------------------------------------------------------------- encode

  /**
   * Encodes traces, metrics or logs as an {@code Export*ServiceRequest}; a wire-backed batch as its
   * bytes. Profiles: the bytes of its single request ({@link #encodeProfiles} for several).
   *
   * @throws IllegalArgumentException for a Profiles batch holding more than one request
   */
  @Override
  public byte[] encode(Telemetry data) {
    List<WireChunk> chunks = chunksOf(data);
    if (chunks != null) {
      return concat(chunks);
    }
    ProtoWriter w = write(data);
    return w.toByteArray();
  }

  /**
   * Like {@link #encode} without the final copy: a buffer positioned on the encoded bytes. For a
   * wire-backed batch of one chunk this wraps the received array itself (read-only), so a
   * pass-through costs no copy at all.
   */
  public ByteBuffer encodeToBuffer(Telemetry data) {
    List<WireChunk> chunks = chunksOf(data);
    if (chunks != null) {
      if (chunks.size() == 1) {
        WireChunk c = chunks.get(0);
        return ByteBuffer.wrap(c.bytes(), c.offset(), c.length()).slice().asReadOnlyBuffer();
      }
      return ByteBuffer.wrap(concat(chunks));
    }
    return write(data).toByteBuffer();
  }

  @Override
  public void writeTo(Telemetry data, OutputStream out) throws IOException {
    List<WireChunk> chunks = chunksOf(data);
    if (chunks != null) {
      for (WireChunk c : chunks) {
        out.write(c.bytes(), c.offset(), c.length());
      }
      return;
    }
    write(data).writeTo(out);
  }

  /** Each profiles request's bytes, in order; one array per request to send. */
  public List<byte[]> encodeProfiles(Profiles profiles) {
    List<byte[]> out = new ArrayList<>(profiles.requests().size());
    for (WireChunk c : profiles.requests()) {
      out.add(Arrays.copyOfRange(c.bytes(), c.offset(), c.offset() + c.length()));
    }
    return out;
  }

  /** The chunks to send as they are, or null when the batch must be encoded. */
  private static List<WireChunk> chunksOf(Telemetry data) {
    Objects.requireNonNull(data, "data");
    return switch (data) {
      case Traces t -> t.wireChunks();
      case Metrics m -> m.wireChunks();
      case Logs l -> l.wireChunks();
      case Profiles p -> {
        if (p.requests().size() > 1) {
          throw new IllegalArgumentException("a Profiles batch of " + p.requests().size()
              + " requests cannot be one request; send each of encodeProfiles(...) on its own");
        }
        yield p.requests();
      }
    };
  }

  private static ProtoWriter write(Telemetry data) {
    long hint = data.sizeHint();
    ProtoWriter w = new ProtoWriter((int) Math.min(Math.max(hint, 256), 1 << 24));
    switch (data) {
      case Traces t -> OtlpProtoEncoder.writeTraces(w, t);
      case Metrics m -> OtlpProtoEncoder.writeMetrics(w, m);
      case Logs l -> OtlpProtoEncoder.writeLogs(w, l);
      case Profiles p -> throw new AssertionError("profiles are always wire-backed");
    }
    return w;
  }

  private static byte[] concat(List<WireChunk> chunks) {
    long total = 0;
    for (WireChunk c : chunks) {
      total += c.length();
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("batch of " + total + " bytes is too large for one request");
    }
    byte[] out = new byte[(int) total];
    int p = 0;
    for (WireChunk c : chunks) {
      System.arraycopy(c.bytes(), c.offset(), out, p, c.length());
      p += c.length();
    }
    return out;
  }

  // ---------------------------------------------------------------- responses

  /**
   * Encodes an {@code Export*ServiceResponse}. The four signals' responses have the same wire
   * layout ({@code partial_success = 1 {rejected_* = 1; error_message = 2}}), so one method serves
   * all. {@link PartialSuccess#NONE} encodes as an empty message (zero bytes).
   */
  public byte[] encodeResponse(PartialSuccess partialSuccess) {
    if (partialSuccess.isNone()) {
      return new byte[0];
    }
    ProtoWriter w = new ProtoWriter(32 + partialSuccess.message().length() * 3);
    w.writeString(2, partialSuccess.message());
    w.writeInt64(1, partialSuccess.rejected());
    w.endMessage(1, 0);
    return w.toByteArray();
  }

  @Override
  public byte[] encodeResponse(Signal<?> signal, PartialSuccess partialSuccess) {
    return encodeResponse(partialSuccess);
  }

  /** Decodes an {@code Export*ServiceResponse} of any signal (same wire layout for all). */
  public PartialSuccess decodeResponse(byte[] buf, int off, int len) throws MalformedDataException {
    ProtoReader r = new ProtoReader(buf, off, len);
    long rejected = 0;
    String message = "";
    while (r.hasMore()) {
      int tag = r.readTag();
      if (tag == LEN_1) { // partial_success
        int saved = r.enterMessage("partial_success", -1);
        while (r.hasMore()) {
          int t = r.readTag();
          switch (t) {
            case VARINT_1 -> rejected = r.readVarint64(); // rejected_*
            case LEN_2 -> message = r.readString(); // error_message
            default -> r.skipUnknown(t, OtlpSchema.PARTIAL_SUCCESS);
          }
        }
        r.exitMessage(saved);
      } else {
        r.skipUnknown(tag, OtlpSchema.RESPONSE);
      }
    }
    return rejected == 0 && message.isEmpty() ? PartialSuccess.NONE : new PartialSuccess(rejected, message);
  }

  @Override
  public PartialSuccess decodeResponse(Signal<?> signal, byte[] buf, int off, int len) throws MalformedDataException {
    return decodeResponse(buf, off, len);
  }
}
