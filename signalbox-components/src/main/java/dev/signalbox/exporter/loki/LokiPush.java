package dev.signalbox.exporter.loki;

import dev.signalbox.sdk.proto.ProtoWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.xerial.snappy.Snappy;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Loki push bodies, as Loki's API documentation defines them.
 * <ul>
 *   <li>Protobuf: {@code PushRequest{repeated StreamAdapter streams = 1}},
 *       {@code StreamAdapter{string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3}},
 *       {@code EntryAdapter{google.protobuf.Timestamp timestamp = 1; string line = 2;
 *       repeated LabelPairAdapter structuredMetadata = 3}}, compressed with the snappy block format,
 *       {@code Content-Type: application/x-protobuf}. {@code hash} is left out (Loki computes it)
 *       and no structured metadata is sent.
 *   <li>JSON: {@code {"streams":[{"stream":{"label":"value"},"values":[["<ns since epoch>","<line>"]]}]}},
 *       {@code Content-Type: application/json}.
 * </ul>
 */
final class LokiPush {
  static final String PROTOBUF = "application/x-protobuf";
  static final String JSON_TYPE = "application/json";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private LokiPush() {}

  /** The snappy-compressed protobuf body. */
  static byte[] protobuf(List<LogsToLoki.Stream> streams) {
    ProtoWriter w = new ProtoWriter(256 + streams.size() * 128);
    for (int i = streams.size() - 1; i >= 0; i--) {
      LogsToLoki.Stream s = streams.get(i);
      int start = w.size();
      List<LogsToLoki.Entry> entries = s.entries();
      for (int j = entries.size() - 1; j >= 0; j--) {
        LogsToLoki.Entry e = entries.get(j);
        int es = w.size();
        w.writeString(2, e.line());
        int ts = w.size();
        w.writeInt32(2, (int) Math.floorMod(e.timeNanos(), 1_000_000_000L));
        w.writeInt64(1, Math.floorDiv(e.timeNanos(), 1_000_000_000L));
        w.endMessage(1, ts);
        w.endMessage(2, es);
      }
      w.writeString(1, s.labels());
      w.endMessage(1, start);
    }
    try {
      return Snappy.compress(w.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON body. */
  static byte[] json(List<LogsToLoki.Stream> streams) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeName("streams");
      g.writeStartArray();
      for (LogsToLoki.Stream s : streams) {
        g.writeStartObject();
        g.writeName("stream");
        g.writeStartObject();
        for (var l : s.labelMap().entrySet()) {
          g.writeName(l.getKey());
          g.writeString(l.getValue());
        }
        g.writeEndObject();
        g.writeName("values");
        g.writeStartArray();
        for (LogsToLoki.Entry e : s.entries()) {
          g.writeStartArray();
          g.writeString(Long.toString(e.timeNanos()));
          g.writeString(e.line());
          g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }
}
