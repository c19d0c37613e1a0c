package dev.signalbox.testing.fakes;

import dev.signalbox.testing.fakes.FakeHttpServer.Answer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * An Elasticsearch/OpenSearch {@code POST /_bulk} endpoint for cases a real node will not produce
 * on demand (a response where some items failed). It checks the request as the Bulk API defines it
 * (NDJSON: an action line {@code {"create":{"_index":...}}} then the source, each ending in
 * {@code \n}; {@code Content-Type: application/x-ndjson}) and answers each item with the status
 * {@code statusOf} gives its document, in the Bulk API's response format ({@code errors},
 * {@code items[].create.status/error}). A malformed request gets 400. Thread-safe.
 */
public final class ElasticsearchBulkFake implements AutoCloseable {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** One document of a bulk request. */
  public record Doc(String action, String index, String source) {}

  /** One bulk request as decoded. */
  public record Bulk(FakeHttpServer.Request request, List<Doc> docs) {}

  private final FakeHttpServer server = FakeHttpServer.start();
  private final List<Bulk> bulks = new ArrayList<>();
  private volatile ToIntFunction<Doc> statusOf = d -> 201;

  public ElasticsearchBulkFake() {
    server.respond(this::answer);
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint to configure. */
  public String url() {
    return server.url("");
  }

  /** Decides each item's status (default 201). */
  public ElasticsearchBulkFake statusOf(ToIntFunction<Doc> f) {
    this.statusOf = f;
    return this;
  }

  /** Answers the next requests as a whole with these (before looking at items). */
  public ElasticsearchBulkFake enqueue(Answer... answers) {
    server.enqueue(answers);
    return this;
  }

  public synchronized List<Bulk> bulks() {
    return List.copyOf(bulks);
  }

  /** Every request, including those answered as a whole. */
  public List<FakeHttpServer.Request> requests() {
    return server.requests();
  }

  private Answer answer(FakeHttpServer.Request r) {
    if (!r.path().equals("/_bulk")) {
      return Answer.json(404, "{\"error\":\"no handler for " + r.path() + "\"}");
    }
    String ct = r.header("content-type");
    if (ct == null || !(ct.startsWith("application/x-ndjson") || ct.startsWith("application/json"))) {
      return Answer.json(406, "{\"error\":\"Content-Type header [" + ct + "] is not supported\",\"status\":406}");
    }
    List<Doc> docs;
    try {
      docs = parse(r.bodyText());
    } catch (RuntimeException e) {
      return Answer.json(400, "{\"error\":{\"type\":\"illegal_argument_exception\",\"reason\":\""
          + e.getMessage().replace("\"", "'") + "\"},\"status\":400}");
    }
    synchronized (this) {
      bulks.add(new Bulk(r, docs));
    }
    StringBuilder sb = new StringBuilder("{\"took\":1,\"errors\":");
    StringBuilder items = new StringBuilder();
    boolean errors = false;
    for (Doc d : docs) {
      int s = statusOf.applyAsInt(d);
      items.append(items.isEmpty() ? "" : ",").append("{\"").append(d.action()).append("\":{\"_index\":\"")
          .append(d.index()).append("\",\"status\":").append(s);
      if (s >= 300) {
        errors = true;
        String type = s == 429 ? "es_rejected_execution_exception" : s >= 500 ? "internal_server_error"
            : "document_parsing_exception";
        items.append(",\"error\":{\"type\":\"").append(type).append("\",\"reason\":\"fake ").append(s).append("\"}");
      }
      items.append("}}");
    }
    sb.append(errors).append(",\"items\":[").append(items).append("]}");
    return Answer.json(200, sb.toString());
  }

  /** NDJSON: action line, source line, ...; each line must be JSON and end with a newline. */
  static List<Doc> parse(String body) {
    if (!body.endsWith("\n")) {
      throw new IllegalArgumentException("The bulk request must be terminated by a newline [\\n]");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length % 2 != 0) {
      throw new IllegalArgumentException("an action line without a source line");
    }
    List<Doc> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i += 2) {
      String[] action = action(lines[i]);
      checkObject(lines[i + 1]);
      out.add(new Doc(action[0], action[1], lines[i + 1]));
    }
    return out;
  }

  private static String[] action(String line) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line.getBytes(StandardCharsets.UTF_8))) {
      expect(p.nextToken(), JsonToken.START_OBJECT, line);
      expect(p.nextToken(), JsonToken.PROPERTY_NAME, line);
      String action = p.currentName();
      if (!List.of("create", "index").contains(action)) {
        throw new IllegalArgumentException("unexpected action [" + action + "]");
      }
      expect(p.nextToken(), JsonToken.START_OBJECT, line);
      String index = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String f = p.currentName();
        p.nextToken();
        if (f.equals("_index")) {
          index = p.getString();
        } else {
          p.skipChildren();
        }
      }
      expect(p.nextToken(), JsonToken.END_OBJECT, line);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing data after the action line");
      }
      if (index == null || index.isEmpty()) {
        throw new IllegalArgumentException("no _index in " + line);
      }
      return new String[] {action, index};
    }
  }

  private static void checkObject(String line) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), line.getBytes(StandardCharsets.UTF_8))) {
      expect(p.nextToken(), JsonToken.START_OBJECT, line);
      p.skipChildren();
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing data after the source");
      }
    }
  }

  private static void expect(JsonToken got, JsonToken want, String line) {
    if (got != want) {
      throw new IllegalArgumentException("expected " + want + " in [" + line + "], got " + got);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
