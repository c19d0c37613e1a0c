package dev.signalbox.sdk.http;

import dev.signalbox.component.Context;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.compression.DecompressedSizeExceededException;
import dev.signalbox.sdk.compression.Decompression;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: a state machine driven on its event loop. It asks for input (auto-read is
 * off) only while it wants the current request's body or the next request, so at most one request
 * is in progress.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
  private static final Context HTTP_CONTEXT = Context.of(Map.of(), "http");
  /** Bytes of the current request admitted against MemoryPressure; released when it is answered. */
  private long admitted;
  private static final long LINGER_MILLIS = 2000;

  private enum State { AWAIT, BODY, DISCARD, HANDLING, CLOSING, CLOSED }

  private final HttpServer server;
  private final long readNanos;
  private final long headerNanos;
  private final long writeNanos;
  private final long idleNanos;
  private ChannelHandlerContext ctx;
  private State state = State.AWAIT;
  private boolean firstRequest = true;
  private boolean bytesSeen;
  private boolean readRequested;
  private long requestStart;
  private ScheduledFuture<?> waitTimer;
  private ScheduledFuture<?> readTimer;
  private ScheduledFuture<?> writeTimer;

  // the exchange in progress
  private io.netty.handler.codec.http.HttpRequest head;
  private String path;
  private String query;
  private HttpRoute route;
  private Compression compression;
  private CompositeByteBuf body;
  private long bodyBytes;
  private boolean keepAlive;
  private boolean preflight;
  private boolean bodyDone;
  private boolean responseWritten;

  HttpConnection(HttpServer server) {
    this.server = server;
    HttpServerConfig c = server.config;
    this.readNanos = c.readTimeout().toNanos();
    this.headerNanos = c.readHeaderTimeout().isZero() ? readNanos : c.readHeaderTimeout().toNanos();
    this.writeNanos = c.writeTimeout().toNanos();
    this.idleNanos = c.idleTimeout().isZero() ? readNanos : c.idleTimeout().toNanos();
  }

  /** A handler placed before the HTTP codec that notices the first bytes of each request. */
  ChannelHandler activityDetector() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext c, Object msg) {
        if (msg instanceof ByteBuf b && b.isReadable()) {
          onBytes();
        }
        c.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    requestStart = System.nanoTime();
    waitTimer = schedule(headerNanos, this::onWaitTimeout);
    requestRead();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    cancelTimers();
    releaseBody();
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  /** Called by the server on shutdown: close now if idle, else after the current response. */
  void drain() {
    keepAlive = false;
    if (state == State.AWAIT) {
      ctx.close();
    }
  }

  private void onBytes() {
    if (state != State.AWAIT || bytesSeen) {
      return;
    }
    bytesSeen = true;
    if (!firstRequest) {
      // Go: the idle wait ends with the first byte; the header deadline starts there.
      cancel(waitTimer);
      requestStart = System.nanoTime();
      waitTimer = schedule(headerNanos, this::onWaitTimeout);
    }
  }

  /**
   * Asks for one more message. Netty's contract: a read that ends (channelReadComplete) without
   * producing a message drops the demand, so {@link #channelReadComplete} asks again while a
   * message is still wanted. Never more than one message is asked for at a time.
   */
  private void requestRead() {
    readRequested = true;
    ctx.read();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (readRequested && state != State.CLOSED) {
      ctx.read();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    readRequested = false;
    if (state == State.CLOSING || state == State.CLOSED) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof io.netty.handler.codec.http.HttpRequest req) {
      onHead(req);
    }
    if (msg instanceof HttpContent content) {
      onContent(content);
    } else if (!(msg instanceof io.netty.handler.codec.http.HttpRequest)) {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onHead(io.netty.handler.codec.http.HttpRequest req) {
    cancel(waitTimer);
    if (state != State.AWAIT) {
      ctx.close();
      return;
    }
    if (req.decoderResult().isFailure()) {
      Throwable cause = req.decoderResult().cause();
      int status = cause instanceof TooLongHttpLineException ? 414
          : cause instanceof TooLongHttpHeaderException ? 431
          : cause instanceof TooLongFrameException ? 413 : 400;
      head = req;
      String m = HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase() + ": malformed HTTP request";
      HttpResponse r = HttpResponse.text(status, m);
      rejected(r, m);
      respondAndClose(r);
      return;
    }
    head = req;
    keepAlive = server.config.keepAlivesEnabled() && HttpUtil.isKeepAlive(req) && !server.draining;
    QueryStringDecoder qsd = new QueryStringDecoder(req.uri());
    path = qsd.path();
    query = qsd.rawQuery();
    route = server.routes.get(path);
    bodyBytes = 0;
    bodyDone = false;
    responseWritten = false;
    preflight = false;
    if (readNanos > 0) {
      readTimer = schedule(Math.max(1, requestStart + readNanos - System.nanoTime()), this::onReadTimeout);
    }
    if (writeNanos > 0) {
      writeTimer = schedule(writeNanos, this::onWriteTimeout);
    }

    HttpHeaders h = req.headers();
    String method = req.method().name();
    HttpResponse early = null;
    String why = null; // the refusal's message, for the rejection listener
    boolean closeAfter = false;
    if (server.cors != null && route != null && method.equals("OPTIONS") && h.contains(HttpHeaderNames.ORIGIN)
        && h.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
      preflight = true;
      early = server.cors.preflight(h.get(HttpHeaderNames.ORIGIN), h.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD),
          h.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS), route.methods());
    } else if (route == null) {
      why = "404 page not found";
      early = HttpResponse.text(404, why);
    } else if (!route.methods().contains(method)) {
      String allow = String.join(", ", route.methods());
      why = "405 method not allowed, supported: [" + allow + "]";
      early = error(405, why).withHeader("Allow", allow);
    } else {
      String encoding = h.get(HttpHeaderNames.CONTENT_ENCODING);
      compression = Compression.fromName(encoding);
      if (compression == null || !server.accepted.contains(compression)) {
        why = "unsupported Content-Encoding: " + encoding + " (supported: "
            + (server.supportedEncodings.isEmpty() ? "none" : server.supportedEncodings) + ")";
        early = error(400, why);
      }
    }
    long length = HttpUtil.getContentLength(req, -1L);
    if (length > server.maxBodySize) {
      // Not worth reading: answer now and close (keeping the answer if there already is one).
      closeAfter = true;
      if (early == null) {
        why = "request body too large: Content-Length " + length + " exceeds " + server.maxBodySize + " bytes";
        early = error(413, why);
      }
    }
    boolean expectContinue = HttpUtil.is100ContinueExpected(req);
    if (early != null && !preflight) {
      rejected(early, why);
    }
    if (early != null) {
      if (expectContinue || closeAfter) {
        respondAndClose(early);
        return;
      }
      state = State.DISCARD;
      writeResponse(early);
      requestRead();
      return;
    }
    if (expectContinue) {
      ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
          Unpooled.EMPTY_BUFFER));
    }
    state = State.BODY;
    body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    requestRead();
  }

  private void onContent(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    switch (state) {
      case BODY -> {
        ByteBuf data = content.content();
        bodyBytes += data.readableBytes();
        if (bodyBytes > server.maxBodySize) {
          content.release();
          releaseBody();
          String m = "request body too large: exceeds " + server.maxBodySize + " bytes";
          HttpResponse r = error(413, m);
          rejected(r, m);
          respondAndClose(r);
          return;
        }
        int n = data.readableBytes();
        if (n > 0 && !dev.signalbox.sdk.admission.MemoryPressure.tryAdmit(n)) {
          content.release();
          releaseBody();
          var refusal = dev.signalbox.sdk.admission.MemoryPressure.budgetRefusal(bodyBytes);
          HttpResponse r = error(429, refusal.getMessage()).withRetryAfter(refusal.retryAfter());
          rejected(r, refusal.getMessage());
          respondAndClose(r);
          return;
        }
        admitted += n;
        if (data.isReadable()) {
          body.addComponent(true, data); // takes ownership
        } else {
          content.release();
        }
        if (last) {
          cancel(readTimer);
          state = State.HANDLING;
          dispatch();
        } else {
          requestRead();
        }
      }
      case DISCARD -> {
        bodyBytes += content.content().readableBytes();
        content.release();
        if (bodyBytes > server.maxBodySize) {
          keepAlive = false;
          if (responseWritten) {
            lingeringClose();
          } // else the early response's listener closes
          requestRead();
          return;
        }
        if (last) {
          bodyDone = true;
          cancel(readTimer);
          if (responseWritten) {
            finishExchange();
          }
        } else {
          requestRead();
        }
      }
      default -> content.release();
    }
  }

  private void dispatch() {
    CompositeByteBuf data = body;
    body = null;
    long admittedBytes = admitted;
    admitted = 0;
    var req = head;
    HttpRoute r = route;
    Compression c = compression;
    String p = path;
    String q = query;
    Map<String, List<String>> headers = copyHeaders(req.headers());
    InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
    try {
      server.handlers.execute(() -> {
        HttpResponse response;
        try {
          response = handle(r, req.method().name(), p, q, headers, data, c, remote);
        } finally {
          dev.signalbox.sdk.admission.MemoryPressure.release(admittedBytes);
        }
        try {
          ctx.executor().execute(() -> onHandled(response));
        } catch (RejectedExecutionException e) {
          // the event loops are gone: the server was shut down meanwhile
        }
      });
    } catch (RejectedExecutionException e) {
      data.release();
      dev.signalbox.sdk.admission.MemoryPressure.release(admittedBytes);
      respondAndClose(error(503, "server shutting down"));
    }
  }

  /**
   * An error answered for the current request: worded by its route ({@link HttpRoute#errors()}),
   * plain text when no route matched.
   */
  private HttpResponse error(int status, String message) {
    HttpRoute r = route;
    if (r == null) {
      return HttpResponse.text(status, message);
    }
    return r.errors().error(status, message, head == null ? null : head.headers().get(HttpHeaderNames.CONTENT_TYPE));
  }

  /** As {@link #error(int, String)} for a request being handled off the event loop. */
  private static HttpResponse error(HttpRoute r, Map<String, List<String>> headers, int status, String message) {
    return r.errors().error(status, message, firstHeader(headers, "Content-Type"));
  }

  private static String firstHeader(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** Tells the rejection listener about {@code r}, refused for {@code message}; returns {@code r}. */
  private HttpResponse rejected(HttpResponse r, String message) {
    try {
      server.rejections.rejected(path == null ? "" : path, r.status(), message);
    } catch (RuntimeException e) {
      LOG.warn("rejection listener failed: {}", e.toString());
    }
    return r;
  }

  /** On the handler's virtual thread. */
  private HttpResponse handle(HttpRoute r, String method, String p, String q, Map<String, List<String>> headers,
      CompositeByteBuf data, Compression c, InetSocketAddress remote) {
    long[] inflated = {0};
    try {
      return handle(r, method, p, q, headers, data, c, remote, inflated);
    } finally {
      dev.signalbox.sdk.admission.MemoryPressure.release(inflated[0]);
    }
  }

  /** Decompresses (admitting the inflated bytes into {@code inflated[0]}) and runs the handler. */
  private HttpResponse handle(HttpRoute r, String method, String p, String q, Map<String, List<String>> headers,
      CompositeByteBuf data, Compression c, InetSocketAddress remote, long[] inflated) {
    byte[] bytes;
    try {
      byte[] raw = ByteBufUtil.getBytes(data);
      data.release();
      bytes = Decompression.decompress(c, raw, server.maxBodySize);
      long extra = Math.max(0, bytes.length - raw.length);
      if (extra > 0 && !dev.signalbox.sdk.admission.MemoryPressure.tryAdmit(extra)) {
        var refusal = dev.signalbox.sdk.admission.MemoryPressure.budgetRefusal(bytes.length);
        return rejected(error(r, headers, 429, refusal.getMessage()), refusal.getMessage())
            .withRetryAfter(refusal.retryAfter());
      }
      inflated[0] = extra;
    } catch (DecompressedSizeExceededException e) {
      String m = "request body too large: " + e.getMessage();
      return rejected(error(r, headers, 413, m), m);
    } catch (IOException e) {
      String m = "failed to decompress request body: " + e.getMessage();
      return rejected(error(r, headers, 400, m), m);
    } finally {
      if (data.refCnt() > 0) {
        data.release();
      }
    }
    Context context = server.config.includeMetadata() ? Context.of(headers, "http") : HTTP_CONTEXT;
    try {
      HttpResponse response = r.handler().handle(new HttpRequest(method, p, q, headers, bytes, context, remote));
      if (response == null) {
        LOG.error("HTTP handler for {} {} returned no response", method, p);
        return error(r, headers, 500, "internal server error");
      }
      return response;
    } catch (RetryableException e) {
      HttpResponse resp = error(r, headers, e.resourceExhausted() ? 429 : 503, String.valueOf(e.getMessage()));
      return e.retryAfter() == null ? resp : resp.withRetryAfter(e.retryAfter());
    } catch (PermanentException e) {
      return error(r, headers, 400, String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return error(r, headers, 503, "server shutting down");
    } catch (Throwable t) {
      LOG.error("HTTP handler for {} {} failed", method, p, t);
      return error(r, headers, 500, "internal server error");
    }
  }

  private void onHandled(HttpResponse response) {
    if (state != State.HANDLING) {
      return; // the connection timed out or closed meanwhile
    }
    writeResponse(response);
  }

  private void writeResponse(HttpResponse r) {
    boolean close = !keepAlive;
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
        Unpooled.wrappedBuffer(r.body()));
    HttpHeaders h = res.headers();
    server.responseHeaders.forEach(h::set);
    if (server.cors != null && !preflight && route != null && head != null) {
      String origin = head.headers().get(HttpHeaderNames.ORIGIN);
      if (origin != null) {
        Map<String, String> corsHeaders = new LinkedHashMap<>();
        server.cors.addActualHeaders(origin, head.method().name(), route.methods(), corsHeaders);
        corsHeaders.forEach(h::set);
      }
    }
    r.headers().forEach(h::set);
    h.set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    h.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
    if (close) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (head != null && head.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    ctx.writeAndFlush(res).addListener((ChannelFuture f) -> onWritten(f, close));
  }

  private void onWritten(ChannelFuture f, boolean close) {
    cancel(writeTimer);
    if (!f.isSuccess()) {
      ctx.close();
      return;
    }
    switch (state) {
      case HANDLING -> {
        if (close) {
          ctx.close();
        } else {
          finishExchange();
        }
      }
      case DISCARD -> {
        responseWritten = true;
        if (close || !keepAlive) {
          lingeringClose();
        } else if (bodyDone) {
          finishExchange();
        }
      }
      case CLOSING -> lingeringClose();
      default -> {
        // closed meanwhile
      }
    }
  }

  private void finishExchange() {
    cancel(readTimer);
    cancel(writeTimer);
    head = null;
    route = null;
    compression = null;
    bodyBytes = 0;
    responseWritten = false;
    bodyDone = false;
    preflight = false;
    if (!keepAlive || server.draining) {
      ctx.close();
      return;
    }
    state = State.AWAIT;
    firstRequest = false;
    bytesSeen = false;
    requestStart = System.nanoTime();
    waitTimer = schedule(idleNanos, this::onWaitTimeout);
    requestRead();
  }

  /** Answers and closes the connection once the answer is out, reading no more requests. */
  private void respondAndClose(HttpResponse r) {
    releaseBody();
    cancel(readTimer);
    keepAlive = false;
    state = State.CLOSING;
    writeResponse(r);
  }

  /**
   * Closes without losing the response: with request bytes still unread, closing at once makes
   * the kernel send a reset that can destroy the response before the client reads it. So shut our
   * side down, keep reading and discarding, and close when the client does or after a while.
   */
  private void lingeringClose() {
    state = State.CLOSING;
    Channel ch = ctx.channel();
    if (!ch.isActive()) {
      return;
    }
    schedule(TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS), ctx::close);
    ch.config().setAutoRead(true);
    if (ch instanceof DuplexChannel d) {
      SslHandler ssl = ctx.pipeline().get(SslHandler.class);
      if (ssl != null) {
        ssl.closeOutbound().addListener(f -> d.shutdownOutput());
      } else {
        d.shutdownOutput();
      }
    } else {
      ctx.close();
    }
  }

  private void onWaitTimeout() {
    if (state == State.AWAIT) {
      LOG.debug("Closing HTTP connection from {}: no request within the timeout", ctx.channel().remoteAddress());
      ctx.close();
    }
  }

  private void onReadTimeout() {
    if (state == State.BODY || state == State.DISCARD) {
      respondAndClose(error(408, "request timeout: body not received within read_timeout "
          + Duration.ofNanos(readNanos)));
    }
  }

  private void onWriteTimeout() {
    if (state == State.HANDLING || state == State.DISCARD || state == State.BODY) {
      LOG.debug("Closing HTTP connection from {}: response not written within write_timeout",
          ctx.channel().remoteAddress());
      ctx.close();
    }
  }

  private ScheduledFuture<?> schedule(long nanos, Runnable task) {
    if (nanos <= 0) {
      return null;
    }
    return ctx.executor().schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private void cancelTimers() {
    cancel(waitTimer);
    cancel(readTimer);
    cancel(writeTimer);
  }

  private void releaseBody() {
    if (admitted > 0) {
      dev.signalbox.sdk.admission.MemoryPressure.release(admitted);
      admitted = 0;
    }
    if (body != null) {
      body.release();
      body = null;
    }
  }

  private static Map<String, List<String>> copyHeaders(HttpHeaders h) {
    TreeMap<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    var it = h.iteratorAsString();
    while (it.hasNext()) {
      var e = it.next();
      m.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue());
    }
    m.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(m);
  }
}
