package dev.signalbox.sdk.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopsTest {

  @Test
  void sharesOneGroupAndTheLastLeaseShutsItDown() throws Exception {
    int before = EventLoops.openLeases();
    EventLoops.Lease a = EventLoops.acquire();
    EventLoops.Lease b = EventLoops.acquire();
    assertThat(a.group()).isSameAs(b.group());
    assertThat(EventLoops.openLeases()).isEqualTo(before + 2);

    a.close();
    a.close(); // idempotent
    assertThat(EventLoops.openLeases()).isEqualTo(before + 1);
    assertThat(b.group().isShuttingDown()).isFalse();

    b.close();
    if (before == 0) {
      assertThat(b.terminationFuture().await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(b.group().isTerminated()).isTrue();
      EventLoops.Lease c = EventLoops.acquire();
      assertThat(c.group()).isNotSameAs(b.group());
      assertThat(c.group().isShuttingDown()).isFalse();
      c.close();
    }
  }

  @Test
  void usesEpollWhenTheNativeTransportLoads() {
    try (EventLoops.Lease lease = EventLoops.acquire()) {
      boolean wanted = Epoll.isAvailable() && !"false".equals(System.getProperty(EventLoops.EPOLL_PROPERTY));
      assertThat(lease.epoll()).isEqualTo(wanted);
      if (wanted) {
        assertThat(lease.serverChannelType()).isEqualTo(EpollServerSocketChannel.class);
      }
      assertThat(((io.netty.util.concurrent.MultithreadEventExecutorGroup) lease.group()).executorCount())
          .isEqualTo(Runtime.getRuntime().availableProcessors());
    }
  }
}
