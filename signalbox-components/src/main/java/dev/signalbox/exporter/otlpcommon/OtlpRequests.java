package dev.signalbox.exporter.otlpcommon;

import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch as the protobuf {@code Export*ServiceRequest}s to send, without decoding or copying what
 * need not be: a batch still in the wire form it was received in is sent as its original bytes,
 * and a batch of one chunk that spans its whole array is sent as that very array (the transports
 * only read it).
 */
public final class OtlpRequests {
  private OtlpRequests() {}

  /**
   * The request bytes of a trace, metric or log batch, or of a profiles batch holding one request.
   * The array may be shared with the batch: read it, never modify it.
   */
  public static byte[] protoBytes(Telemetry data) {
    List<WireChunk> chunks = switch (data) {
      case Traces t -> t.wireChunks();
      case Metrics m -> m.wireChunks();
      case Logs l -> l.wireChunks();
      case Profiles p -> p.requests();
    };
    if (chunks != null && chunks.size() == 1) {
      return whole(chunks.get(0));
    }
    return OtlpProtoCodec.INSTANCE.encode(data);
  }

  /**
   * The request of a trace, metric or log batch (or a profiles batch holding one request) as
   * buffers whose concatenation is the request: a wire-backed batch as its received chunks, as
   * they are (a merged batch is not copied into one array), otherwise the encoded request. For
   * transports that write buffers one after the other ({@code GrpcClient}). The buffers share the
   * batch's arrays: read them, never modify them.
   */
  public static List<ByteBuffer> protoBuffers(Telemetry data) {
    List<WireChunk> chunks = switch (data) {
      case Traces t -> t.wireChunks();
      case Metrics m -> m.wireChunks();
      case Logs l -> l.wireChunks();
      case Profiles p -> p.requests().size() == 1 ? p.requests() : null;
    };
    if (chunks == null) {
      return List.of(OtlpProtoCodec.INSTANCE.encodeToBuffer(data));
    }
    List<ByteBuffer> out = new ArrayList<>(chunks.size());
    for (WireChunk c : chunks) {
      out.add(ByteBuffer.wrap(c.bytes(), c.offset(), c.length()));
    }
    return out;
  }

  /** One request per profiles request the batch holds (they are never merged: each has its own dictionary). */
  public static List<Request> profileRequests(Profiles profiles) {
    List<Request> out = new ArrayList<>(profiles.requests().size());
    for (WireChunk c : profiles.requests()) {
      out.add(new Request(whole(c), c.itemCount()));
    }
    return out;
  }

  /** An encoded request and the items in it. */
  public record Request(byte[] bytes, int items) {}

  private static byte[] whole(WireChunk c) {
    if (c.offset() == 0 && c.length() == c.bytes().length) {
      return c.bytes();
    }
    return java.util.Arrays.copyOfRange(c.bytes(), c.offset(), c.offset() + c.length());
  }
}
