package dev.signalbox.exporter.otlpcommon;

import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
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
