package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * {@link Serializer#otlp}'s payload: an {@code Export*ServiceRequest} in OTLP protobuf; an untouched
 * wire-backed batch is stored as the bytes it arrived as, and read back wire-backed (a structural
 * scan, no decode). Profiles keep one request per export (their dictionaries cannot be merged by
 * concatenation), so a profiles batch is stored as its requests, each preceded by its length (i32),
 * under a format id of its own.
 */
final class OtlpPayloadCodec<T extends Telemetry> implements Serializer.PayloadCodec<T> {
  /** Profiles: a sequence of (i32 length, ExportProfilesServiceRequest). */
  static final byte OTLP_PROFILES_REQUESTS = 2;

  private final Signal<T> signal;

  OtlpPayloadCodec(Signal<T> signal) {
    this.signal = signal;
  }

  @Override
  public byte formatId() {
    return signal == Signal.PROFILES ? OTLP_PROFILES_REQUESTS : RequestRecord.OTLP_PROTOBUF;
  }

  @Override
  public byte[] encode(T data) {
    if (data instanceof Profiles p) {
      List<WireChunk> requests = p.requests();
      long size = 0;
      for (WireChunk c : requests) {
        size += 4 + c.length();
      }
      ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(size));
      for (WireChunk c : requests) {
        b.putInt(c.length()).put(c.bytes(), c.offset(), c.length());
      }
      return b.array();
    }
    return OtlpProtoCodec.INSTANCE.encode(data);
  }

  @Override
  public T decode(byte[] bytes, int offset, int length) throws IOException {
    try {
      if (signal == Signal.PROFILES) {
        Profiles all = new Profiles();
        ByteBuffer b = ByteBuffer.wrap(bytes, offset, length);
        while (b.hasRemaining()) {
          int n = b.getInt();
          if (n < 0 || n > b.remaining()) {
            throw new IOException("stored profiles request of " + n + " bytes, " + b.remaining() + " left");
          }
          all.append(OtlpProtoCodec.INSTANCE.decodeProfiles(bytes, b.position(), n));
          b.position(b.position() + n);
        }
        return signal.cast(all);
      }
      return OtlpProtoCodec.INSTANCE.decode(signal, bytes, offset, length);
    } catch (MalformedDataException e) {
      throw new IOException("stored batch is not valid OTLP: " + e.getMessage(), e);
    } catch (java.nio.BufferUnderflowException e) {
      throw new IOException("stored profiles batch is truncated", e);
    }
  }
}
