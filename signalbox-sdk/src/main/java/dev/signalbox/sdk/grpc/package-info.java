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
 */
package dev.signalbox.sdk.grpc;
