/**
 * Networking shared by every server and client of the SDK: one process-wide Netty event loop
 * group ({@link dev.signalbox.sdk.net.EventLoops}, epoll when available, else NIO) used by our
 * HTTP server and by grpc-java's Netty server and channels alike, and {@code host:port} endpoint
 * parsing ({@link dev.signalbox.sdk.net.Endpoint}) with the Collector's (Go's) conventions.
 *
 * <h2>Design notes for the next engineer</h2>
 * <ul>
 *   <li>Event loops only parse, count, encrypt and write. Handlers, request-body copies and
 *       decompression run on virtual threads (HTTP: one per request; gRPC: grpc-java's executor
 *       is a virtual-thread-per-task executor, and request messages are read in the call
 *       listener, so gzip/zstd inflate there too).
 *   <li>One group for accepting and serving: on a 2-core agent a separate boss thread buys
 *       nothing. Threads default to the number of processors; {@code -Dsignalbox.netty.threads}.
 *   <li>The group is reference counted: every server/client holds a lease and gives it back on
 *       shutdown; the last one shuts the group down, the next acquire makes a new one.
 * </ul>
 */
package dev.signalbox.sdk.net;
