package dev.signalbox.service.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.BuildInfo;
import dev.signalbox.component.Capabilities;
import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ComponentStatus;
import dev.signalbox.component.ComponentType;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.ExporterFactory;
import dev.signalbox.component.Host;
import dev.signalbox.component.Kind;
import dev.signalbox.component.Processor;
import dev.signalbox.component.ProcessorFactory;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.ReceiverFactory;
import dev.signalbox.component.RetryableException;
import dev.signalbox.component.Stability;
import dev.signalbox.config.ComponentConfig;
import dev.signalbox.pdata.ReadOnlyDataException;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Span;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.pdata.Traces;
import dev.signalbox.service.Registry;
import dev.signalbox.service.telemetry.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GraphTest {
  record Cfg(String tag) implements ComponentConfig {}

  static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

  /** A receiver that hands out its consumers so the test can push data. */
  static final class TestReceiver implements Receiver {
    final ComponentId id;
    final Consumers next;

    TestReceiver(ComponentId id, Consumers next) {
      this.id = id;
      this.next = next;
    }

    @Override
    public void start(Host host) {
      EVENTS.add("start receiver " + id);
    }

    @Override
    public void shutdown(Deadline d) {
      EVENTS.add("stop receiver " + id);
    }
  }

  static final Map<ComponentId, TestReceiver> RECEIVERS = new java.util.concurrent.ConcurrentHashMap<>();
  static final Map<ComponentId, List<Telemetry>> SINKS = new java.util.concurrent.ConcurrentHashMap<>();

  static ReceiverFactory<Cfg> receiverFactory() {
    return new ReceiverFactory<>() {
      public ComponentType type() {
        return ComponentType.of("rx");
      }

      public Class<Cfg> configClass() {
        return Cfg.class;
      }

      public Cfg defaultConfig() {
        return new Cfg("");
      }

      public Map<Signal<?>, Stability> signals() {
        return Map.of(Signal.TRACES, Stability.STABLE, Signal.LOGS, Stability.STABLE);
      }

      public Receiver create(ComponentSettings s, Cfg c, Consumers next) {
        TestReceiver r = new TestReceiver(s.id(), next);
        RECEIVERS.put(s.id(), r);
        return r;
      }
    };
  }

  /** Renames spans: a mutating processor (when tag is "mut") or a reader. */
  static ProcessorFactory<Cfg> processorFactory() {
    return new ProcessorFactory<>() {
      public ComponentType type() {
        return ComponentType.of("px");
      }

      public Class<Cfg> configClass() {
        return Cfg.class;
      }

      public Cfg defaultConfig() {
        return new Cfg("");
      }

      public Map<Signal<?>, Stability> signals() {
        return Map.of(Signal.TRACES, Stability.STABLE);
      }

      public <T extends Telemetry> Processor<T> create(Signal<T> sig, ComponentSettings s, Cfg c, Consumer<T> next) {
        boolean mut = c.tag().equals("mut");
        return new Processor<>() {
          public void consume(Context ctx, T data) throws ConsumeException {
            if (mut) {
              for (var rs : ((Traces) data).resourceSpans()) {
                for (var ss : rs.scopeSpans()) {
                  for (Span sp : ss.spans()) {
                    sp.setName(sp.name() + "+" + s.pipelineId());
                  }
                }
              }
            }
            next.consume(ctx, data);
          }

          public Capabilities capabilities() {
            // "pass": hands batches on unread, so handles what its next consumer handles
            return mut ? Capabilities.MUTATES_DATA : c.tag().equals("pass")
                ? Capabilities.NON_MUTATING.withNativeFormats(next.capabilities().nativeFormats())
                : Capabilities.NON_MUTATING;
          }

          public void start(Host h) {
            EVENTS.add("start processor " + s.id() + "@" + s.pipelineId());
          }

          public void shutdown(Deadline d) {
            EVENTS.add("stop processor " + s.id() + "@" + s.pipelineId());
          }
        };
      }
    };
  }

  static ExporterFactory<Cfg> exporterFactory() {
    return new ExporterFactory<>() {
      public ComponentType type() {
        return ComponentType.of("sink");
      }

      public Class<Cfg> configClass() {
        return Cfg.class;
      }

      public Cfg defaultConfig() {
        return new Cfg("");
      }

      public Map<Signal<?>, Stability> signals() {
        return Map.of(Signal.TRACES, Stability.STABLE, Signal.LOGS, Stability.STABLE);
      }

      public Exporter create(ComponentSettings s, Cfg c, Set<Signal<?>> signals) {
        List<Telemetry> got = new CopyOnWriteArrayList<>();
        SINKS.put(s.id(), got);
        return new Exporter() {
          public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
            return new Consumer<>() {
              public void consume(Context ctx, T data) throws ConsumeException {
                if (c.tag().equals("fail")) {
                  throw new RetryableException("backend down");
                }
                got.add(data);
              }

              public Capabilities capabilities() {
                // "native": handles native chunks of format test.v1 (and test.v2 when "native2")
                return c.tag().startsWith("native") ? Capabilities.NON_MUTATING.withNativeFormats(
                    c.tag().equals("native2") ? Set.of("test.v1", "test.v2") : Set.of("test.v1"))
                    : Capabilities.NON_MUTATING;
              }
            };
          }

          public void start(Host h) {
            EVENTS.add("start exporter " + s.id());
          }

          public void shutdown(Deadline d) {
            EVENTS.add("stop exporter " + s.id());
          }
        };
      }
    };
  }

  static Registry registry() {
    return Registry.builder().add(receiverFactory()).add(processorFactory()).add(exporterFactory()).build();
  }

  static ComponentId id(String s) {
    return ComponentId.parse(s);
  }

  static Traces traces(String... names) {
    Traces t = new Traces();
    var ss = t.resourceSpans().addNew().scopeSpans().addNew();
    for (String n : names) {
      ss.spans().addNew().setName(n).setSpanId(1);
    }
    return t;
  }

  static List<String> names(Telemetry t) {
    List<String> out = new ArrayList<>();
    for (var rs : ((Traces) t).resourceSpans()) {
      for (var ss : rs.scopeSpans()) {
        for (Span s : ss.spans()) {
          out.add(s.name());
        }
      }
    }
    return out;
  }

  Graph graph(GraphSpec spec, MetricRegistry metrics) throws GraphException {
    EVENTS.clear();
    RECEIVERS.clear();
    SINKS.clear();
    return Graph.build(spec, registry(), metrics.meter(), new StatusAggregator(Clock.systemUTC()), BuildInfo.DEFAULT);
  }

  @Test
  void sharedReceiverFeedsTwoPipelinesAndMutatingPipelineGetsACopy() throws Exception {
    var spec = new GraphSpec(
        Map.of(Kind.RECEIVER, Map.of(id("rx"), new Cfg("")),
            Kind.PROCESSOR, Map.of(id("px/mut"), new Cfg("mut")),
            Kind.EXPORTER, Map.of(id("sink/a"), new Cfg(""), id("sink/b"), new Cfg(""))),
        List.of(),
        List.of(
            new PipelineSpec("traces/a", Signal.TRACES, List.of(id("rx")), List.of(id("px/mut")), List.of(id("sink/a"))),
            new PipelineSpec("traces/b", Signal.TRACES, List.of(id("rx")), List.of(), List.of(id("sink/b")))));
    MetricRegistry metrics = new MetricRegistry();
    Graph g = graph(spec, metrics);
    g.start();

    assertThat(RECEIVERS).hasSize(1);
    RECEIVERS.get(id("rx")).next.get(Signal.TRACES).consume(Context.of(Map.of(), "grpc"), traces("x", "y"));

    assertThat(names(SINKS.get(id("sink/a")).get(0))).containsExactly("x+traces/a", "y+traces/a");
    Telemetry shared = SINKS.get(id("sink/b")).get(0);
    assertThat(names(shared)).containsExactly("x", "y");
    assertThat(shared.isReadOnly()).isTrue();
    assertThat(metrics.value("otelcol_receiver_accepted_spans", "receiver", "rx", "transport", "grpc")).isEqualTo(2);
    assertThat(metrics.value("otelcol_processor_incoming_items", "processor", "px/mut", "otel_signal", "traces"))
        .isEqualTo(2);
    assertThat(metrics.value("otelcol_processor_outgoing_items", "processor", "px/mut", "otel_signal", "traces"))
        .isEqualTo(2);
    g.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  /** Whether receiver rx's traces consumer may be given native chunks of {@code format}. */
  boolean receiverHandles(List<PipelineSpec> pipelines, String format) throws Exception {
    var spec = new GraphSpec(
        Map.of(Kind.RECEIVER, Map.of(id("rx"), new Cfg("")),
            Kind.PROCESSOR, Map.of(id("px/pass"), new Cfg("pass"), id("px/read"), new Cfg(""),
                id("px/mut"), new Cfg("mut")),
            Kind.EXPORTER, Map.of(id("sink/native"), new Cfg("native"), id("sink/native2"), new Cfg("native2"),
                id("sink/plain"), new Cfg(""))),
        List.of(), pipelines);
    Graph g = graph(spec, new MetricRegistry());
    return RECEIVERS.get(id("rx")).next.get(Signal.TRACES).capabilities().handles(format);
  }

  static PipelineSpec pipeline(String name, List<String> processors, String... exporters) {
    return new PipelineSpec(name, Signal.TRACES, List.of(id("rx")), processors.stream().map(GraphTest::id).toList(),
        java.util.Arrays.stream(exporters).map(GraphTest::id).toList());
  }

  @Test
  void aReceiverMayHandOnNativeChunksOnlyWhenEveryConsumerAfterItHandlesThem() throws Exception {
    assertThat(receiverHandles(List.of(pipeline("traces", List.of(), "sink/native")), "test.v1")).isTrue();
    assertThat(receiverHandles(List.of(pipeline("traces", List.of(), "sink/native")), "test.v2")).isFalse();
    assertThat(receiverHandles(List.of(pipeline("traces", List.of("px/pass"), "sink/native", "sink/native2")),
        "test.v1")).as("processors that pass batches on, exporters that share the format").isTrue();
    assertThat(receiverHandles(List.of(pipeline("traces", List.of("px/pass"), "sink/native", "sink/native2")),
        "test.v2")).as("one exporter does not handle v2").isFalse();
    assertThat(receiverHandles(List.of(pipeline("traces", List.of(), "sink/native", "sink/plain")), "test.v1"))
        .as("fan-out to an exporter that needs OTLP").isFalse();
    assertThat(receiverHandles(List.of(pipeline("traces", List.of("px/read"), "sink/native")), "test.v1"))
        .as("a processor that reads the data").isFalse();
    assertThat(receiverHandles(List.of(pipeline("traces", List.of("px/pass", "px/mut"), "sink/native")), "test.v1"))
        .isFalse();
    assertThat(receiverHandles(List.of(pipeline("traces/a", List.of(), "sink/native"),
        pipeline("traces/b", List.of(), "sink/plain")), "test.v1")).as("another pipeline of the receiver").isFalse();
    assertThat(receiverHandles(List.of(pipeline("traces/a", List.of("px/pass"), "sink/native"),
        pipeline("traces/b", List.of(), "sink/native2")), "test.v1")).isTrue();
  }

  @Test
  void readOnlySharedDataRejectsMutation() {
    Traces t = traces("a");
    t.markReadOnly();
    Span s = t.resourceSpans().get(0).scopeSpans().get(0).spans().get(0);
    assertThatThrownBy(() -> s.setName("b")).isInstanceOf(ReadOnlyDataException.class);
    assertThatThrownBy(() -> s.attributes().put("k", "v")).isInstanceOf(ReadOnlyDataException.class);
    Traces copy = t.copy();
    copy.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).setName("b");
    assertThat(names(copy)).containsExactly("b");
    assertThat(names(t)).containsExactly("a");
  }

  @Test
  void startsExportersFirstAndStopsReceiversFirst() throws Exception {
    var spec = new GraphSpec(
        Map.of(Kind.RECEIVER, Map.of(id("rx"), new Cfg("")),
            Kind.PROCESSOR, Map.of(id("px/1"), new Cfg(""), id("px/2"), new Cfg("")),
            Kind.EXPORTER, Map.of(id("sink"), new Cfg(""))),
        List.of(),
        List.of(new PipelineSpec("traces", Signal.TRACES, List.of(id("rx")), List.of(id("px/1"), id("px/2")),
            List.of(id("sink")))));
    Graph g = graph(spec, new MetricRegistry());
    g.start();
    g.shutdown(Deadline.in(Duration.ofSeconds(5)));
    g.shutdown(Deadline.in(Duration.ofSeconds(5)));
    assertThat(EVENTS).containsExactly(
        "start exporter sink", "start processor px/2@traces", "start processor px/1@traces", "start receiver rx",
        "stop receiver rx", "stop processor px/1@traces", "stop processor px/2@traces", "stop exporter sink");
  }

  @Test
  void fanOutReportsRetryableWhenOneExporterRefusesButStillDeliversToTheOther() throws Exception {
    var spec = new GraphSpec(
        Map.of(Kind.RECEIVER, Map.of(id("rx"), new Cfg("")),
            Kind.EXPORTER, Map.of(id("sink/ok"), new Cfg(""), id("sink/down"), new Cfg("fail"))),
        List.of(),
        List.of(new PipelineSpec("traces", Signal.TRACES, List.of(id("rx")), List.of(),
            List.of(id("sink/down"), id("sink/ok")))));
    MetricRegistry metrics = new MetricRegistry();
    Graph g = graph(spec, metrics);
    g.start();
    assertThatThrownBy(() -> RECEIVERS.get(id("rx")).next.get(Signal.TRACES)
        .consume(Context.of(Map.of(), "http"), traces("a", "b", "c")))
        .isInstanceOf(RetryableException.class).hasMessage("backend down");
    assertThat(SINKS.get(id("sink/ok"))).hasSize(1);
    assertThat(metrics.value("otelcol_receiver_refused_spans", "receiver", "rx", "transport", "http")).isEqualTo(3);
    g.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }

  @Test
  void pipelineHealthIsTheWorstComponentStatus() throws Exception {
    var spec = new GraphSpec(
        Map.of(Kind.RECEIVER, Map.of(id("rx"), new Cfg("")), Kind.EXPORTER, Map.of(id("sink"), new Cfg(""))),
        List.of(),
        List.of(new PipelineSpec("logs", Signal.LOGS, List.of(id("rx")), List.of(), List.of(id("sink")))));
    EVENTS.clear();
    StatusAggregator st = new StatusAggregator(Clock.systemUTC());
    Graph g = Graph.build(spec, registry(), new MetricRegistry().meter(), st, BuildInfo.DEFAULT);
    g.start();
    assertThat(st.pipelines().get("logs").status()).isEqualTo(ComponentStatus.OK);
    st.reporter("exporter:sink").recoverableError("connection refused");
    assertThat(st.pipelines().get("logs").status()).isEqualTo(ComponentStatus.RECOVERABLE_ERROR);
    assertThat(st.overall().error()).isEqualTo("exporter:sink: connection refused");
    st.reporter("exporter:sink").ok();
    assertThat(st.overall().status()).isEqualTo(ComponentStatus.OK);
    g.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }
}
