/**
 * Networking shared by every server and client of the SDK: one process-wide pair of Netty event
 * loops ({@link dev.signalbox.sdk.net.EventLoops}, epoll when available, else NIO), used by our
 * HTTP server and by grpc-java's Netty transport alike, and {@code host:port} endpoint parsing
 * ({@link dev.signalbox.sdk.net.Endpoint}) with the Collector's (Go's) conventions.
 */
package dev.signalbox.sdk.net;
