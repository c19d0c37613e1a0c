package dev.signalbox.sdk.net;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide Netty event loops. Every server and client of the SDK (our HTTP server,
 * grpc-java's {@code NettyServerBuilder} and {@code NettyChannelBuilder}) runs its I/O on one group,
 * so the process has one small set of I/O threads however many receivers and exporters it runs.
 * Request handling never runs here: handlers run on virtual threads.
 *
 * <p>The group is created by the first {@link #acquire()} and shut down when the last {@link Lease}
 * is closed; a later {@code acquire()} creates a new one. The transport is epoll when its native
 * library loads (Linux x86_64), else NIO; {@code -Dsignalbox.netty.epoll=false} forces NIO.
 * Thread count: {@code -Dsignalbox.netty.threads=N}, default the number of available processors.
 *
 * <p>Thread-safe.
 */
public final class EventLoops {
  /** System property: number of I/O threads (default: available processors). */
  public static final String THREADS_PROPERTY = "signalbox.netty.threads";
  /** System property: {@code false} disables the epoll transport. */
  public static final String EPOLL_PROPERTY = "signalbox.netty.epoll";

  private static final Logger LOG = LoggerFactory.getLogger(EventLoops.class);
  private static final Object LOCK = new Object();
  private static Shared shared;
  private static int leases;

  private EventLoops() {}

  /** Takes a reference to the shared event loops, creating them if this is the first. */
  public static Lease acquire() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = Shared.create();
      }
      leases++;
      return new Lease(shared);
    }
  }

  /** Number of open leases (for tests and diagnostics). */
  public static int openLeases() {
    synchronized (LOCK) {
      return leases;
    }
  }

  private static void release(Shared s) {
    Shared toStop = null;
    synchronized (LOCK) {
      leases--;
      if (leases == 0 && shared == s) {
        toStop = shared;
        shared = null;
      }
    }
    if (toStop != null) {
      // Quiet period 0: every user has closed its channels before releasing its lease.
      toStop.group.shutdownGracefully(0, 5, TimeUnit.SECONDS);
    }
  }

  /** One reference to the shared event loops; {@link #close()} gives it back (idempotent). */
  public static final class Lease implements AutoCloseable {
    private final Shared shared;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(Shared shared) {
      this.shared = shared;
    }

    /** The I/O event loop group; use it for both accepting and serving connections. */
    public EventLoopGroup group() {
      return shared.group;
    }

    /** The server channel class matching {@link #group()} (epoll or NIO). */
    public Class<? extends ServerChannel> serverChannelType() {
      return shared.epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The client socket channel class matching {@link #group()}. */
    public Class<? extends Channel> socketChannelType() {
      return shared.epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** True when the native epoll transport is in use. */
    public boolean epoll() {
      return shared.epoll;
    }

    /**
     * A future completing when the group has terminated; only meaningful after the last lease is
     * closed.
     */
    public Future<?> terminationFuture() {
      return shared.group.terminationFuture();
    }

    /** Gives the reference back; the last one shuts the event loops down. Idempotent. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release(shared);
      }
    }
  }

  private record Shared(EventLoopGroup group, boolean epoll) {
    static Shared create() {
      boolean useEpoll = !"false".equalsIgnoreCase(System.getProperty(EPOLL_PROPERTY)) && Epoll.isAvailable();
      IoHandlerFactory factory = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
      int threads = threads();
      var group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("signalbox-io", true), factory);
      LOG.debug("Started {} {} I/O threads", threads, useEpoll ? "epoll" : "NIO");
      return new Shared(group, useEpoll);
    }

    private static int threads() {
      String p = System.getProperty(THREADS_PROPERTY);
      if (p != null) {
        try {
          int n = Integer.parseInt(p.strip());
          if (n > 0) {
            return n;
          }
        } catch (NumberFormatException e) {
          // fall through to the default
        }
        LOG.warn("Ignoring -D{}={}: expected a positive integer", THREADS_PROPERTY, p);
      }
      return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
  }
}
