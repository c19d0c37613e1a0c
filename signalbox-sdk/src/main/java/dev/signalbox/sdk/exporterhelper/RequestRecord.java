package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.Context;
import dev.signalbox.pdata.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored form of a request, as {@link Serializer#withContext} writes it. Big-endian; strings
 * are UTF-8.
 *
 * <pre>
 * version         u8     1
 * payload format  u8     the codec's {@link Serializer.PayloadCodec#formatId()}: 1 = OTLP protobuf
 * metadata keys   u16    n, then n times:
 *   key           u16 length + bytes   (lower case, as Context keeps them)
 *   values        u16 count, then per value: i32 length + bytes
 * payload         the rest of the record: the batch as the codec encoded it
 * </pre>
 *
 * Only client metadata is stored from the context; the principal and the transport are not.
 */
public final class RequestRecord {
  /** {@link Serializer.PayloadCodec#formatId()} of OTLP protobuf. */
  public static final byte OTLP_PROTOBUF = 1;
  static final byte VERSION = 1;

  private RequestRecord() {}

  /** Writes the record header for {@code context} and appends {@code payload}. */
  public static byte[] encode(byte formatId, Context context, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + payload.length);
    out.write(VERSION);
    out.write(formatId);
    Map<String, List<String>> md = context.metadata();
    if (md.size() > 0xFFFF) {
      throw new IllegalArgumentException("too many metadata keys to store: " + md.size());
    }
    writeU16(out, md.size());
    for (Map.Entry<String, List<String>> e : md.entrySet()) {
      byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
      if (k.length > 0xFFFF || e.getValue().size() > 0xFFFF) {
        throw new IllegalArgumentException("metadata key too long or with too many values to store: " + e.getKey());
      }
      writeU16(out, k.length);
      out.writeBytes(k);
      writeU16(out, e.getValue().size());
      for (String v : e.getValue()) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
      }
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static void writeU16(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  /** A decoded record header: the context and where the payload is. */
  public record Decoded(Context context, int payloadOffset, int payloadLength) {}

  /**
   * Reads the header of a record in {@code bytes[offset .. offset + length)}.
   *
   * @throws IOException if it is not a record of this version with payload format {@code formatId}
   */
  public static Decoded decode(byte formatId, byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
    try {
      byte version = b.get();
      if (version != VERSION) {
        throw new IOException("stored request has record version " + version + ", expected " + VERSION);
      }
      byte format = b.get();
      if (format != formatId) {
        throw new IOException("stored request has payload format " + format + ", this queue reads " + formatId);
      }
      int keys = Short.toUnsignedInt(b.getShort());
      Map<String, List<String>> md = new LinkedHashMap<>();
      for (int i = 0; i < keys; i++) {
        String key = string(b, Short.toUnsignedInt(b.getShort()));
        int n = Short.toUnsignedInt(b.getShort());
        List<String> values = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          int len = b.getInt();
          if (len < 0) {
            throw new IOException("negative metadata value length");
          }
          values.add(string(b, len));
        }
        md.put(key, values);
      }
      Context ctx = md.isEmpty() ? Context.empty() : Context.of(md, "");
      return new Decoded(ctx, b.position(), b.remaining());
    } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IOException("stored request is truncated", e);
    }
  }

  private static String string(ByteBuffer b, int len) {
    if (len > b.remaining()) {
      throw new java.nio.BufferUnderflowException();
    }
    String s = new String(b.array(), b.position(), len, StandardCharsets.UTF_8);
    b.position(b.position() + len);
    return s;
  }

  /** {@link Serializer#withContext}. */
  static final class ContextSerializer<T extends Telemetry> implements Serializer<T> {
    private final PayloadCodec<T> codec;

    ContextSerializer(PayloadCodec<T> codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public byte[] serialize(ExportRequest<T> request) {
      return encode(codec.formatId(), request.context(), codec.encode(request.data()));
    }

    @Override
    public ExportRequest<T> deserialize(byte[] bytes, int offset, int length) throws IOException {
      Decoded d = decode(codec.formatId(), bytes, offset, length);
      T data = codec.decode(bytes, d.payloadOffset(), d.payloadLength());
      return new ExportRequest<>(d.context(), data);
    }
  }
}
