package dev.signalbox.testing.fakes;

import dev.signalbox.testing.fakes.FakeHttpServer.Answer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A Splunk HTTP Event Collector ({@code POST /services/collector}) for exporter tests, as no Splunk
 * runs here. It checks each request as Splunk documents the HEC event format and answers with
 * HEC's own answers:
 * <ul>
 *   <li>{@code Authorization: Splunk <token>} with a known token, else 401 {@code {"text":"Token is
 *       required","code":2}} or {@code {"text":"Invalid token","code":4}};
 *   <li>the body (gzip when {@code Content-Encoding: gzip}) is one or more JSON event objects one
 *       after the other; each has {@code event} (else 400 {@code {"text":"Event field is
 *       required","code":12,"invalid-event-number":n}}), an optional numeric {@code time} (epoch
 *       seconds, decimals allowed), string {@code host}, {@code source}, {@code sourcetype},
 *       {@code index}, and {@code fields} whose values are strings, numbers or flat arrays of
 *       those; no other keys (else 400 {@code {"text":"Invalid data format","code":6,...}});
 *   <li>a metric event ({@code "event":"metric"}) has at least one {@code metric_name:<name>}
 *       field with a number;
 *   <li>success is 200 {@code {"text":"Success","code":0}}.
 * </ul>
 * Thread-safe.
 */
public final class SplunkHecFake implements AutoCloseable {
  public static final String PATH = "/services/collector";
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Set<String> KEYS = Set.of("time", "host", "source", "sourcetype", "index", "event", "fields");

  /** One event as received; {@code time} is null when absent; {@code event} is a string, number, map or list. */
  public record Event(Double time, String timeText, String host, String source, String sourcetype, String index,
      Object event, Map<String, Object> fields) {}

  /** One accepted request. */
  public record Batch(String token, List<Event> events, FakeHttpServer.Request request) {}

  private final FakeHttpServer server = FakeHttpServer.start();
  private final Set<String> tokens;
  private final List<Batch> batches = new ArrayList<>();
  private final List<String> refusals = new ArrayList<>();

  public SplunkHecFake(String... tokens) {
    this.tokens = Set.of(tokens);
    server.respond(this::answer);
  }

  /** {@code http://127.0.0.1:<port>/services/collector}. */
  public String url() {
    return server.url(PATH);
  }

  /** Answers the next requests with these instead of checking them. */
  public SplunkHecFake enqueue(Answer... answers) {
    server.enqueue(answers);
    return this;
  }

  public synchronized List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** Every accepted event, in order. */
  public synchronized List<Event> events() {
    return batches.stream().flatMap(b -> b.events().stream()).toList();
  }

  public synchronized List<String> refusals() {
    return List.copyOf(refusals);
  }

  public List<FakeHttpServer.Request> requests() {
    return server.requests();
  }

  private Answer answer(FakeHttpServer.Request r) {
    if (!r.method().equals("POST") || !(r.path().equals(PATH) || r.path().equals(PATH + "/event"))) {
      return refuse(404, "{\"text\":\"The requested URL was not found on this server.\",\"code\":404}");
    }
    String auth = r.header("authorization");
    if (auth == null || auth.isBlank()) {
      return refuse(401, "{\"text\":\"Token is required\",\"code\":2}");
    }
    if (!auth.startsWith("Splunk ") || !tokens.contains(auth.substring(7))) {
      return refuse(401, "{\"text\":\"Invalid token\",\"code\":4}");
    }
    List<Event> events = new ArrayList<>();
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), r.decodedBody())) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int n = events.size();
        if (t != JsonToken.START_OBJECT) {
          return invalid(n);
        }
        Map<String, Object> obj = new LinkedHashMap<>();
        String timeText = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String k = p.currentName();
          JsonToken v = p.nextToken();
          if (!KEYS.contains(k)) {
            return invalid(n);
          }
          if (k.equals("time")) {
            if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
              return invalid(n);
            }
            timeText = p.getText();
          }
          obj.put(k, value(p));
        }
        if (!obj.containsKey("event") || obj.get("event") == null
            || obj.get("event") instanceof String s && s.isEmpty()) {
          return refuse(400, "{\"text\":\"Event field is required\",\"code\":12,\"invalid-event-number\":" + n + "}");
        }
        for (String k : List.of("host", "source", "sourcetype", "index")) {
          if (obj.containsKey(k) && !(obj.get(k) instanceof String)) {
            return invalid(n);
          }
        }
        Map<String, Object> fields = Map.of();
        if (obj.containsKey("fields")) {
          if (!(obj.get("fields") instanceof Map<?, ?> m)) {
            return invalid(n);
          }
          for (Object fv : m.values()) {
            if (fv instanceof Map<?, ?> || fv instanceof List<?> l && l.stream().anyMatch(x -> x instanceof Map<?, ?>
                || x instanceof List<?>)) {
              return refuse(400, "{\"text\":\"Error in handling indexed fields\",\"code\":15,"
                  + "\"invalid-event-number\":" + n + "}");
            }
          }
          @SuppressWarnings("unchecked")
          Map<String, Object> typed = (Map<String, Object>) m;
          fields = typed;
        }
        if ("metric".equals(obj.get("event")) && fields.entrySet().stream().noneMatch(e ->
            e.getKey().startsWith("metric_name:") && e.getValue() instanceof Number)) {
          return refuse(400, "{\"text\":\"A metric event needs a metric_name:<name> field with a number\",\"code\":6,"
              + "\"invalid-event-number\":" + n + "}");
        }
        events.add(new Event(timeText == null ? null : Double.valueOf(timeText), timeText, (String) obj.get("host"),
            (String) obj.get("source"), (String) obj.get("sourcetype"), (String) obj.get("index"), obj.get("event"),
            fields));
      }
    } catch (JacksonException e) {
      return invalid(events.size());
    }
    if (events.isEmpty()) {
      return refuse(400, "{\"text\":\"No data\",\"code\":5}");
    }
    synchronized (this) {
      batches.add(new Batch(auth.substring(7), events, r));
    }
    return Answer.json(200, "{\"text\":\"Success\",\"code\":0}");
  }

  private Answer invalid(int n) {
    return refuse(400, "{\"text\":\"Invalid data format\",\"code\":6,\"invalid-event-number\":" + n + "}");
  }

  private Answer refuse(int status, String json) {
    synchronized (this) {
      refusals.add(json);
    }
    return Answer.json(status, json);
  }

  private static Object value(JsonParser p) {
    JsonToken t = p.currentToken();
    return switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, value(p));
        }
        yield m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value(p));
        }
        yield l;
      }
      case VALUE_STRING -> p.getString();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      default -> null;
    };
  }

  @Override
  public void close() {
    server.close();
  }
}
