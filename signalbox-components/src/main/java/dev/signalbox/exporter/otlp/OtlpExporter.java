package dev.signalbox.exporter.otlp;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.otlpcommon.OtlpRequests;
import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.exporter.otlpcommon.PartialSuccesses;
import dev.signalbox.exporter.otlpcommon.SignalHelpers;
import dev.signalbox.exporter.otlpcommon.UserAgent;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code otlp} exporter: one gRPC channel per exporter id, shared by its signals, each signal
 * behind its own {@link dev.signalbox.sdk.exporterhelper.ExporterHelper} (queue, retry, timeout,
 * self-metrics). A push sends one {@code Export} call; see the package comment for what is sent
 * and how answers are counted.
 */
final class OtlpExporter implements Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(OtlpExporter.class);
  /** Time kept from the shutdown deadline to close the channel after the queues drained. */
  private static final Duration CLOSE_MARGIN = Duration.ofMillis(200);

  private final ComponentSettings settings;
  private final GrpcClientConfig clientConfig;
  private final SignalHelpers helpers;
  private final Object lifecycle = new Object();
  private volatile GrpcClient client;
  private boolean started;
  private boolean stopped;

  OtlpExporter(ComponentSettings settings, OtlpExporterConfig config, Set<Signal<?>> signals) {
    this.settings = settings;
    GrpcClientConfig c = config.client();
    if (c.userAgent().isEmpty()) {
      c = new GrpcClientConfig(c.endpoint(), c.compression(), c.tls(), c.headers(), c.keepalive(),
          c.readBufferSize(), c.writeBufferSize(), c.waitForReady(), c.balancerName(), c.authority(),
          UserAgent.of(settings.buildInfo()));
    }
    this.clientConfig = c;
    this.helpers = SignalHelpers.create(settings, signals, config.sendingQueue(), config.retryOnFailure(),
        config.timeout(), this::push);
  }

  @Override
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    return helpers.consumer(signal);
  }

  /** Creates the channel (it connects in the background), then starts the queues. */
  @Override
  public void start(Host host) throws Exception {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException(settings.describe() + " was already started");
      }
      started = true;
      if (stopped) {
        return;
      }
      GrpcClient c = GrpcClient.create(clientConfig);
      try {
        helpers.start(host);
      } catch (Exception | Error e) {
        c.shutdown(Duration.ZERO);
        throw e;
      }
      client = c;
      LOG.info("{} sending to {} ({}{})", settings.describe(), c.target(),
          clientConfig.target().plaintext() ? "plaintext" : "TLS",
          clientConfig.effectiveCompression() == null ? "" : ", " + clientConfig.effectiveCompression());
    }
  }

  /** Drains the queues until shortly before {@code deadline}, then closes the channel. Idempotent. */
  @Override
  public void shutdown(Deadline deadline) throws Exception {
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    Deadline drainBy = new Deadline(deadline.nanoTime() - Math.min(CLOSE_MARGIN.toNanos(),
        deadline.remaining().toNanos() / 10));
    try {
      helpers.shutdown(drainBy);
    } finally {
      GrpcClient c = client;
      client = null;
      if (c != null) {
        c.shutdown(deadline.remaining());
      }
    }
  }

  /** The push function of every signal: one Export call per request. */
  private void push(Context ctx, Telemetry data, Deadline deadline) throws ConsumeException {
    GrpcClient c = client;
    if (c == null) {
      throw new RetryableException(settings.describe() + " is not running");
    }
    if (data.isEmpty()) {
      return;
    }
    Signal<?> signal = data.signal();
    String method = OtlpRoutes.grpcMethod(signal);
    if (data instanceof Profiles p && p.requests().size() > 1) {
      pushEach(c, method, p, deadline);
      return;
    }
    int items = data.itemCount();
    PartialSuccess ps = call(c, method, OtlpRequests.protoBuffers(data), deadline);
    PermanentException e = PartialSuccesses.toException(signal, ps, items, what(c, method));
    if (e != null) {
      throw e;
    }
  }

  /**
   * Profiles requests are never merged (each has its own dictionary): send them one by one and add
   * up what the server rejected. A retry after a failure part-way re-sends the earlier requests.
   */
  private void pushEach(GrpcClient c, String method, Profiles p, Deadline deadline) throws ConsumeException {
    long rejected = 0;
    String message = "";
    PermanentException unreadable = null;
    for (OtlpRequests.Request r : OtlpRequests.profileRequests(p)) {
      PartialSuccess ps;
      try {
        ps = call(c, method, r.bytes(), deadline);
      } catch (PermanentException e) {
        if (e.rejectedItems() != 0) {
          throw e;
        }
        unreadable = e; // accepted, answer unreadable: go on with the next request
        continue;
      }
      if (!ps.isNone()) {
        rejected += Math.min(Math.max(ps.rejected(), 0), r.items());
        message = ps.message().isEmpty() ? message : ps.message();
      }
    }
    PermanentException e = PartialSuccesses.toException(Signal.PROFILES, new PartialSuccess(rejected, message),
        p.itemCount(), what(c, method));
    if (e != null) {
      throw e;
    }
    if (unreadable != null) {
      throw unreadable;
    }
  }

  /**
   * One call and its response's partial success. A response that cannot be read is a
   * {@link PermanentException} with nothing rejected: the data was accepted, the helper logs it.
   */
  private PartialSuccess call(GrpcClient c, String method, byte[] request, Deadline deadline)
      throws ConsumeException {
    return answer(c, method, c.call(method, request, deadline.remaining()));
  }

  /** As {@link #call(GrpcClient, String, byte[], Deadline)}, the request given as buffers (no concatenation). */
  private PartialSuccess call(GrpcClient c, String method, List<ByteBuffer> request, Deadline deadline)
      throws ConsumeException {
    return answer(c, method, c.call(method, request, deadline.remaining()));
  }

  private PartialSuccess answer(GrpcClient c, String method, byte[] response) throws PermanentException {
    try {
      return OtlpProtoCodec.INSTANCE.decodeResponse(response, 0, response.length);
    } catch (MalformedDataException e) {
      throw PartialSuccesses.unreadable(what(c, method), e.getMessage());
    }
  }

  private static String what(GrpcClient c, String method) {
    return "gRPC " + method + " to " + c.target();
  }
}
