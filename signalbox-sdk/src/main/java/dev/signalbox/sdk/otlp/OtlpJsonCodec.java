package dev.signalbox.sdk.otlp;

import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * OTLP/JSON ({@code application/json}, as OTLP/HTTP and the file exporter use it) to and from
 * pdata, on jackson-core's streaming API.
 *
 * <p>Encoding follows the OTLP JSON rules: lowerCamelCase keys; {@code traceId}, {@code spanId},
 * {@code parentSpanId} as lowercase hex; enums as integers; int64, uint64 and fixed64 values as
 * decimal strings; {@code bytesValue} as base64; NaN and infinities as the strings "NaN",
 * "Infinity", "-Infinity"; default values omitted. The output is compact and contains no newline,
 * so it is one line of a JSON-lines file as it is ({@link #writeLineTo} adds the line end). A
 * wire-backed batch is decoded first (it is read, not modified).
 *
 * <p>Decoding accepts what the OTLP spec asks receivers to accept: snake_case keys too, unknown keys
 * (ignored), {@code null} for an absent value, 64-bit integers as strings or numbers, enum names
 * (e.g. {@code "SPAN_KIND_SERVER"}) as well as numbers, hex ids in either case. Errors are
 * {@link MalformedDataException}s with line, column and field path, e.g. {@code traceId must be 32
 * hex digits, got 5 characters at line 1, column 80 (resourceSpans[0].scopeSpans[0].spans[0].traceId)}.
 * Decoding is always eager (JSON has no cheap structural scan to defer work behind).
 *
 * <p>Profiles have no JSON codec here (the profiles signal is in development upstream and our
 * profiles are opaque protobuf): {@link #encode} and {@link #decode} refuse them with
 * {@link UnsupportedOperationException}; an OTLP/HTTP receiver answers 415.
 *
 * <p>Stateless and immutable; use {@link #INSTANCE} from any thread.
 */
public final class OtlpJsonCodec implements OtlpCodec {
  public static final OtlpJsonCodec INSTANCE = new OtlpJsonCodec();
  public static final String CONTENT_TYPE = "application/json";

  private final JsonFactory factory = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
      .build();

  private OtlpJsonCodec() {}

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  // ---------------------------------------------------------------- encode

  /** One compact JSON object ({@code {"resourceSpans":[...]}} and likewise), UTF-8, no newline. */
  @Override
  public byte[] encode(Telemetry data) {
    Bytes out = new Bytes(estimate(data));
    try {
      writeTo(data, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not thrown by Bytes
    }
    return out.toByteArray();
  }

  @Override
  public void writeTo(Telemetry data, OutputStream out) throws IOException {
    Objects.requireNonNull(data, "data");
    try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      OtlpJsonWriter w = new OtlpJsonWriter(g);
      switch (data) {
        case Traces t -> w.writeTraces(t);
        case Metrics m -> w.writeMetrics(m);
        case Logs l -> w.writeLogs(l);
        case Profiles p -> throw new UnsupportedOperationException("profiles have no OTLP/JSON encoding here");
      }
    } catch (JacksonException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  /** {@link #writeTo} followed by {@code '\n'}: one line of a JSON-lines file. */
  public void writeLineTo(Telemetry data, OutputStream out) throws IOException {
    writeTo(data, out);
    out.write('\n');
  }

  private static int estimate(Telemetry data) {
    return (int) Math.min(Math.max(data.itemCount() * 600L, 256), 1 << 24);
  }

  // ---------------------------------------------------------------- decode

  public Traces decodeTraces(byte[] buf, int off, int len) throws MalformedDataException {
    Traces t = new Traces();
    try (JsonParser p = parser(buf, off, len)) {
      new OtlpJsonReader(p).readTraces(t);
    }
    return t;
  }

  public Metrics decodeMetrics(byte[] buf, int off, int len) throws MalformedDataException {
    Metrics m = new Metrics();
    try (JsonParser p = parser(buf, off, len)) {
      new OtlpJsonReader(p).readMetrics(m);
    }
    return m;
  }

  public Logs decodeLogs(byte[] buf, int off, int len) throws MalformedDataException {
    Logs l = new Logs();
    try (JsonParser p = parser(buf, off, len)) {
      new OtlpJsonReader(p).readLogs(l);
    }
    return l;
  }

  /**
   * Decodes traces, metrics or logs (eagerly; the array is not kept).
   *
   * @throws UnsupportedOperationException for profiles
   */
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
      throw new UnsupportedOperationException("profiles have no OTLP/JSON decoding here");
    }
    return signal.cast(t);
  }

  private JsonParser parser(byte[] buf, int off, int len) throws MalformedDataException {
    Objects.checkFromIndexSize(off, len, buf.length);
    try {
      return factory.createParser(ObjectReadContext.empty(), buf, off, len);
    } catch (JacksonException e) {
      throw new MalformedDataException("invalid JSON: " + e.getOriginalMessage(), "", "");
    }
  }

  // ---------------------------------------------------------------- responses

  /**
   * {@code {"partialSuccess":{"rejectedSpans":"3","errorMessage":"..."}}} (the count's key named
   * after the signal), or {@code {}} for {@link PartialSuccess#NONE}.
   */
  @Override
  public byte[] encodeResponse(Signal<?> signal, PartialSuccess partialSuccess) {
    Bytes out = new Bytes(64 + partialSuccess.message().length() * 2);
    try (JsonGenerator g = factory.createGenerator(ObjectWriteContext.empty(), out)) {
      new OtlpJsonWriter(g).writeResponse(rejectedName(signal), partialSuccess);
    }
    return out.toByteArray();
  }

  /** Accepts any signal's rejected-count key, camelCase or snake_case. */
  @Override
  public PartialSuccess decodeResponse(Signal<?> signal, byte[] buf, int off, int len) throws MalformedDataException {
    try (JsonParser p = parser(buf, off, len)) {
      return new OtlpJsonReader(p).readResponse();
    }
  }

  private static String rejectedName(Signal<?> signal) {
    if (signal == Signal.TRACES) {
      return "rejectedSpans";
    } else if (signal == Signal.METRICS) {
      return "rejectedDataPoints";
    } else if (signal == Signal.LOGS) {
      return "rejectedLogRecords";
    }
    return "rejectedProfiles";
  }

  /** An unsynchronized ByteArrayOutputStream. */
  private static final class Bytes extends OutputStream {
    private byte[] buf;
    private int n;

    Bytes(int capacity) {
      buf = new byte[capacity];
    }

    @Override
    public void write(int b) {
      if (n == buf.length) {
        grow(1);
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (buf.length - n < len) {
        grow(len);
      }
      System.arraycopy(b, off, buf, n, len);
      n += len;
    }

    private void grow(int more) {
      long want = Math.max((long) buf.length * 2, (long) n + more);
      if (want > Integer.MAX_VALUE - 16) {
        if ((long) n + more > Integer.MAX_VALUE - 16) {
          throw new OutOfMemoryError("JSON output larger than 2 GiB");
        }
        want = Integer.MAX_VALUE - 16;
      }
      buf = Arrays.copyOf(buf, (int) want);
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, n);
    }
  }
}
