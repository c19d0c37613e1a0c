/**
 * gRPC for receivers and exporters, on grpc-java's unshaded Netty transport and the shared event
 * loops, without generated stubs: methods are registered and called by full name with raw
 * {@code byte[]} messages (our own OTLP codec does the protobuf work).
 *
 * <p>Server: {@link dev.signalbox.sdk.grpc.GrpcServer} configured by
 * {@link dev.signalbox.sdk.grpc.GrpcServerConfig} (the Collector's {@code configgrpc.ServerConfig}
 * keys); unary handlers run on virtual threads; refusals map to status codes with a
 * {@code google.rpc.RetryInfo} detail ({@link dev.signalbox.sdk.grpc.GrpcErrors}).
 *
 * <p>Client: {@link dev.signalbox.sdk.grpc.GrpcClient} configured by
 * {@link dev.signalbox.sdk.grpc.GrpcClientConfig} (the Collector's {@code configgrpc.ClientConfig}
 * keys); failures map to {@link dev.signalbox.component.RetryableException} (with the server's
 * RetryInfo delay) or {@link dev.signalbox.component.PermanentException} as the OTLP specification
 * says.
 *
 * <p>Compression: gzip (level 1 when we send), zstd and snappy, both directions
 * ({@link dev.signalbox.sdk.grpc.GrpcCompression}).
 *
 * <h2>Where we differ from the Collector on purpose</h2>
 * <ul>
 *   <li>A {@link dev.signalbox.component.PermanentException} from a handler is INVALID_ARGUMENT
 *       (the Collector's OTLP receiver answers INTERNAL for permanent errors without a status).
 *   <li>A {@link dev.signalbox.component.RetryableException} always carries RetryInfo (delay 0
 *       when it has none), so RESOURCE_EXHAUSTED is retried by OTLP clients.
 *   <li>{@code http://} client endpoints are plaintext regardless of {@code tls.insecure} (the
 *       Collector uses TLS there unless {@code insecure} is set); {@code https://} is always TLS.
 *   <li>A compressed request inflating past {@code max_recv_msg_size_mib} is RESOURCE_EXHAUSTED
 *       (grpc-java itself reports UNKNOWN when its size check fires while parsing).
 *   <li>{@code read_buffer_size}/{@code write_buffer_size} are accepted but not used: grpc-java has
 *       no equivalent of grpc-go's buffered reader/writer sizes.
 * </ul>
 */
package dev.signalbox.sdk.grpc;
