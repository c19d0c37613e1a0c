package dev.signalbox.testing.fakes;

import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.sdk.proto.ProtoReader;
import dev.signalbox.sdk.proto.WireFormat;
import dev.signalbox.testing.fakes.FakeHttpServer.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Grafana Loki's push endpoint ({@code POST /loki/api/v1/push}) for exporter tests, as no Loki runs
 * here. It decodes each request exactly as Loki's API documentation defines it and answers 400 with
 * what is wrong otherwise (204 when it is right):
 * <ul>
 *   <li>{@code Content-Type: application/x-protobuf}: a snappy <b>block</b>-compressed
 *       {@code PushRequest{repeated StreamAdapter streams = 1}}, {@code StreamAdapter{string labels
 *       = 1; repeated EntryAdapter entries = 2; uint64 hash = 3}}, {@code EntryAdapter{
 *       google.protobuf.Timestamp timestamp = 1; string line = 2; repeated LabelPairAdapter
 *       structuredMetadata = 3}}, {@code LabelPairAdapter{string name = 1; string value = 2}},
 *       {@code Timestamp{int64 seconds = 1; int32 nanos = 2}}; unknown fields are refused;
 *   <li>{@code Content-Type: application/json}: {@code {"streams":[{"stream":{"<label>":"<value>"},
 *       "values":[["<ns since epoch, as a string>","<line>"(,{structured metadata})]]}]}};
 * </ul>
 * and in both, labels in Prometheus syntax ({@code {name="value", ...}}, names matching
 * {@code [a-zA-Z_][a-zA-Z0-9_]*}), at least one label per stream, and each stream's entries in
 * timestamp order. {@code X-Scope-OrgID} is recorded as the tenant. Thread-safe.
 */
public final class LokiPushFake implements AutoCloseable {
  public static final String PATH = "/loki/api/v1/push";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** One log line. */
  public record Entry(long timestampNanos, String line, Map<String, String> structuredMetadata) {}

  /** One stream: its labels as sent and parsed. */
  public record Stream(String labelText, Map<String, String> labels, List<Entry> entries) {}

  /** One accepted push. */
  public record Push(String tenant, String contentType, List<Stream> streams, FakeHttpServer.Request request) {}

  private final FakeHttpServer server = FakeHttpServer.start();
  private final List<Push> pushes = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();

  public LokiPushFake() {
    server.respond(this::answer);
  }

  /** {@code http://127.0.0.1:<port>/loki/api/v1/push}. */
  public String url() {
    return server.url(PATH);
  }

  /** Answers the next requests with these instead of decoding them. */
  public LokiPushFake enqueue(Answer... answers) {
    server.enqueue(answers);
    return this;
  }

  public synchronized List<Push> pushes() {
    return List.copyOf(pushes);
  }

  /** Why requests were refused (400), in order. */
  public synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  public List<FakeHttpServer.Request> requests() {
    return server.requests();
  }

  private Answer answer(FakeHttpServer.Request r) {
    if (!r.path().equals(PATH) || !r.method().equals("POST")) {
      return Answer.text(404, "404 page not found");
    }
    String ct = r.header("content-type") == null ? "" : r.header("content-type").split(";")[0].strip();
    List<Stream> streams;
    try {
      streams = switch (ct) {
        case "application/x-protobuf" -> protobuf(r.decodedBody());
        case "application/json" -> json(r.decodedBody());
        default -> throw new IllegalArgumentException("unsupported Content-Type " + ct);
      };
      for (Stream s : streams) {
        if (s.labels().isEmpty()) {
          throw new IllegalArgumentException("error at least one label pair is required per stream");
        }
        for (int i = 1; i < s.entries().size(); i++) {
          if (s.entries().get(i).timestampNanos() < s.entries().get(i - 1).timestampNanos()) {
            throw new IllegalArgumentException("entry out of order in stream " + s.labelText());
          }
        }
      }
    } catch (RuntimeException e) {
      synchronized (this) {
        refusals.add(e.getMessage());
      }
      return Answer.text(400, e.getMessage());
    }
    synchronized (this) {
      pushes.add(new Push(r.header("x-scope-orgid") == null ? "" : r.header("x-scope-orgid"), ct, streams, r));
    }
    return Answer.of(204);
  }

  static List<Stream> protobuf(byte[] body) {
    byte[] raw;
    try {
      if (!Snappy.isValidCompressedBuffer(body)) {
        throw new IllegalArgumentException("snappy: corrupt input");
      }
      raw = Snappy.uncompress(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("snappy: corrupt input");
    }
    try {
      ProtoReader r = new ProtoReader(raw, 0, raw.length);
      List<Stream> out = new ArrayList<>();
      while (r.hasMore()) {
        int tag = r.readTag();
        expect(tag, 1, WireFormat.LEN, "PushRequest");
        int limit = r.enterMessage("streams", out.size());
        String labels = null;
        List<Entry> entries = new ArrayList<>();
        while (r.hasMore()) {
          int t = r.readTag();
          switch (WireFormat.fieldNumber(t)) {
            case 1 -> {
              expect(t, 1, WireFormat.LEN, "StreamAdapter");
              labels = r.readString();
            }
            case 2 -> {
              expect(t, 2, WireFormat.LEN, "StreamAdapter");
              int el = r.enterMessage("entries", entries.size());
              entries.add(entry(r));
              r.exitMessage(el);
            }
            case 3 -> {
              expect(t, 3, WireFormat.VARINT, "StreamAdapter");
              r.readVarint64();
            }
            default -> throw new IllegalArgumentException("unknown StreamAdapter field " + WireFormat.fieldNumber(t));
          }
        }
        r.exitMessage(limit);
        if (labels == null) {
          throw new IllegalArgumentException("a stream without labels");
        }
        out.add(new Stream(labels, parseLabels(labels), entries));
      }
      return out;
    } catch (MalformedDataException e) {
      throw new IllegalArgumentException("malformed PushRequest: " + e.getMessage());
    }
  }

  private static Entry entry(ProtoReader r) throws MalformedDataException {
    long seconds = 0;
    int nanos = 0;
    boolean hasTimestamp = false;
    String line = "";
    Map<String, String> metadata = new LinkedHashMap<>();
    while (r.hasMore()) {
      int t = r.readTag();
      switch (WireFormat.fieldNumber(t)) {
        case 1 -> {
          expect(t, 1, WireFormat.LEN, "EntryAdapter");
          hasTimestamp = true;
          int tl = r.enterMessage("timestamp", -1);
          while (r.hasMore()) {
            int tt = r.readTag();
            switch (WireFormat.fieldNumber(tt)) {
              case 1 -> {
                expect(tt, 1, WireFormat.VARINT, "Timestamp");
                seconds = r.readVarint64();
              }
              case 2 -> {
                expect(tt, 2, WireFormat.VARINT, "Timestamp");
                nanos = r.readVarint32();
              }
              default -> throw new IllegalArgumentException("unknown Timestamp field " + WireFormat.fieldNumber(tt));
            }
          }
          r.exitMessage(tl);
        }
        case 2 -> {
          expect(t, 2, WireFormat.LEN, "EntryAdapter");
          line = r.readString();
        }
        case 3 -> {
          expect(t, 3, WireFormat.LEN, "EntryAdapter");
          int ml = r.enterMessage("structuredMetadata", metadata.size());
          String name = "";
          String value = "";
          while (r.hasMore()) {
            int mt = r.readTag();
            switch (WireFormat.fieldNumber(mt)) {
              case 1 -> name = r.readString();
              case 2 -> value = r.readString();
              default -> throw new IllegalArgumentException("unknown LabelPairAdapter field");
            }
          }
          r.exitMessage(ml);
          metadata.put(name, value);
        }
        default -> throw new IllegalArgumentException("unknown EntryAdapter field " + WireFormat.fieldNumber(t));
      }
    }
    if (!hasTimestamp) {
      throw new IllegalArgumentException("an entry without a timestamp");
    }
    if (nanos < 0 || nanos > 999_999_999) {
      throw new IllegalArgumentException("Timestamp.nanos out of range: " + nanos);
    }
    return new Entry(seconds * 1_000_000_000L + nanos, line, metadata);
  }

  private static void expect(int tag, int field, int wireType, String message) {
    if (WireFormat.fieldNumber(tag) != field || WireFormat.wireType(tag) != wireType) {
      throw new IllegalArgumentException("unexpected field " + WireFormat.fieldNumber(tag) + " (wire type "
          + WireFormat.wireType(tag) + ") in " + message);
    }
  }

  static List<Stream> json(byte[] body) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
      List<Stream> out = new ArrayList<>();
      require(p.nextToken() == JsonToken.START_OBJECT, "the body must be a JSON object");
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        require(p.currentName().equals("streams"), "unknown field " + p.currentName());
        require(p.nextToken() == JsonToken.START_ARRAY, "streams must be an array");
        while (p.nextToken() == JsonToken.START_OBJECT) {
          Map<String, String> labels = null;
          List<Entry> entries = null;
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            if (f.equals("stream")) {
              require(p.nextToken() == JsonToken.START_OBJECT, "stream must be an object");
              labels = new LinkedHashMap<>();
              while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                require(p.nextToken() == JsonToken.VALUE_STRING, "label values must be strings");
                checkName(name);
                labels.put(name, p.getString());
              }
            } else if (f.equals("values")) {
              require(p.nextToken() == JsonToken.START_ARRAY, "values must be an array");
              entries = new ArrayList<>();
              while (p.nextToken() == JsonToken.START_ARRAY) {
                require(p.nextToken() == JsonToken.VALUE_STRING, "a value's timestamp must be a string");
                String ts = p.getString();
                require(ts.matches("\\d+"), "a value's timestamp must be nanoseconds: " + ts);
                require(p.nextToken() == JsonToken.VALUE_STRING, "a value's line must be a string");
                String line = p.getString();
                Map<String, String> md = new LinkedHashMap<>();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT) {
                  while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String k = p.currentName();
                    require(p.nextToken() == JsonToken.VALUE_STRING, "structured metadata must be strings");
                    md.put(k, p.getString());
                  }
                  t = p.nextToken();
                }
                require(t == JsonToken.END_ARRAY, "a value has at most 3 elements");
                entries.add(new Entry(Long.parseLong(ts), line, md));
              }
            } else {
              throw new IllegalArgumentException("unknown stream field " + f);
            }
          }
          require(labels != null && entries != null, "a stream needs stream and values");
          out.add(new Stream(labelText(labels), labels, entries));
        }
      }
      require(p.nextToken() == null, "trailing data");
      return out;
    } catch (JacksonException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage());
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static String labelText(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{");
    labels.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append("=\"").append(v).append('"'));
    return sb.append('}').toString();
  }

  private static void checkName(String name) {
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
      throw new IllegalArgumentException("error parsing labels: invalid label name \"" + name + "\"");
    }
  }

  /** Prometheus label syntax: {@code {name="value", name2="value2"}} with Go-quoted values. */
  static Map<String, String> parseLabels(String s) {
    Map<String, String> out = new LinkedHashMap<>();
    int i = 0;
    int n = s.length();
    require(n >= 2 && s.charAt(0) == '{' && s.charAt(n - 1) == '}', "error parsing labels: " + s);
    i = 1;
    while (true) {
      while (i < n - 1 && (s.charAt(i) == ' ' || s.charAt(i) == ',')) {
        i++;
      }
      if (i >= n - 1) {
        break;
      }
      int k = i;
      while (i < n && s.charAt(i) != '=') {
        i++;
      }
      String name = s.substring(k, i).strip();
      checkName(name);
      require(i + 1 < n && s.charAt(i + 1) == '"', "error parsing labels: expected a quoted value in " + s);
      i += 2;
      StringBuilder v = new StringBuilder();
      while (true) {
        require(i < n - 1, "error parsing labels: unterminated value in " + s);
        char c = s.charAt(i++);
        if (c == '"') {
          break;
        }
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n' -> v.append('\n');
            case 't' -> v.append('\t');
            case 'r' -> v.append('\r');
            case 'a' -> v.append('\u0007');
            case 'b' -> v.append('\b');
            case 'f' -> v.append('\f');
            case 'v' -> v.append('\u000b');
            case 'x' -> {
              v.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
              i += 2;
            }
            case 'u' -> {
              v.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
              i += 4;
            }
            case 'U' -> {
              v.appendCodePoint(Integer.parseInt(s.substring(i, i + 8), 16));
              i += 8;
            }
            default -> v.append(e);
          }
        } else {
          v.append(c);
        }
      }
      require(!out.containsKey(name), "error parsing labels: duplicate label " + name);
      out.put(name, v.toString());
      require(i == n - 1 || s.charAt(i) == ',', "error parsing labels: expected , after a value in " + s);
    }
    return out;
  }

  @Override
  public void close() {
    server.close();
  }
}
