package dev.signalbox.distribution.telemetrygen;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.PermanentException;
import dev.signalbox.exporter.otlpcommon.OtlpRoutes;
import dev.signalbox.sdk.grpc.GrpcClient;
import dev.signalbox.sdk.grpc.GrpcClientConfig;
import dev.signalbox.sdk.http.HttpClientConfig;
import dev.signalbox.sdk.http.HttpSender;
import dev.signalbox.sdk.otlp.OtlpCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.otlp.PartialSuccess;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.sdk.tls.TlsClientConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one encoded request and returns the server's partial success. Failures are the sdk
 * clients' {@link dev.signalbox.component.RetryableException} (with the server's RetryInfo or
 * Retry-After delay) or {@link PermanentException}. Thread-safe.
 */
interface Transport extends AutoCloseable {

  PartialSuccess send(byte[] request) throws ConsumeException;

  /** "gRPC to 127.0.0.1:4317", for messages. */
  String describe();

  @Override
  void close();

  static Transport create(TelemetrygenOptions o) throws IOException {
    return o.http() ? new Http(o) : new Grpc(o);
  }

  /** OTLP/gRPC on the sdk's {@link GrpcClient}. */
  final class Grpc implements Transport {
    private final GrpcClient client;
    private final String method;
    private final Duration timeout;

    Grpc(TelemetrygenOptions o) throws IOException {
      GrpcClientConfig c = GrpcClientConfig.defaults(o.endpoint().strip())
          .withTls(TlsClientConfig.defaults().withInsecure(o.insecure()))
          .withHeaders(o.headers())
          .withCompression(o.gzip() ? "gzip" : "none");
      c = new GrpcClientConfig(c.endpoint(), c.compression(), c.tls(), c.headers(), c.keepalive(), c.readBufferSize(),
          c.writeBufferSize(), c.waitForReady(), c.balancerName(), c.authority(), TelemetrygenCommand.userAgent());
      this.client = GrpcClient.create(c);
      this.method = OtlpRoutes.grpcMethod(o.signal());
      this.timeout = o.timeout();
    }

    @Override
    public PartialSuccess send(byte[] request) throws ConsumeException {
      byte[] response = client.call(method, request, timeout);
      try {
        return OtlpProtoCodec.INSTANCE.decodeResponse(response, 0, response.length);
      } catch (MalformedDataException e) {
        return PartialSuccess.NONE; // accepted; an unreadable answer rejects nothing
      }
    }

    @Override
    public String describe() {
      return "gRPC to " + client.target();
    }

    @Override
    public void close() {
      client.shutdown(Duration.ofSeconds(2));
    }
  }

  /** OTLP/HTTP protobuf on the sdk's {@link HttpSender}. */
  final class Http implements Transport {
    private static final String CONTENT_TYPE = OtlpProtoCodec.CONTENT_TYPE;
    private final HttpSender sender;
    private final URI uri;
    private final Map<String, String> extraHeaders;
    private final dev.signalbox.pdata.Signal<?> signal;

    Http(TelemetrygenOptions o) throws IOException {
      this.signal = o.signal();
      HttpClientConfig c = HttpClientConfig.defaults(o.httpUrl())
          .withTimeout(o.timeout())
          .withHeaders(o.headers())
          .withCompression(o.gzip() ? "gzip" : "none");
      this.sender = HttpSender.create(c);
      this.uri = URI.create(o.httpUrl());
      boolean hasAgent = o.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("user-agent"));
      this.extraHeaders = hasAgent ? Map.of() : Map.of("User-Agent", TelemetrygenCommand.userAgent());
    }

    @Override
    public PartialSuccess send(byte[] request) throws ConsumeException {
      HttpSender.Response r = sender.send("POST", uri, CONTENT_TYPE, request, extraHeaders,
          HttpSender.DEFAULT_MAX_RESPONSE_BYTES);
      if (r.body().length == 0) {
        return PartialSuccess.NONE;
      }
      Optional<OtlpCodec> codec = OtlpCodec.forContentType(r.headers().firstValue("content-type").orElse(null));
      if (codec.isEmpty()) {
        return PartialSuccess.NONE;
      }
      try {
        return codec.get().decodeResponse(signal, r.body(), 0, r.body().length);
      } catch (MalformedDataException | RuntimeException e) {
        return PartialSuccess.NONE;
      }
    }

    @Override
    public String describe() {
      return "HTTP to " + uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + uri.getRawPath();
    }

    @Override
    public void close() {
      sender.close();
    }
  }
}
