package dev.signalbox.sdk.exporterhelper;

import static dev.signalbox.sdk.exporterhelper.Fixture.spans;
import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.config.ByteSize;
import dev.signalbox.pdata.Traces;
import dev.signalbox.sdk.exporterhelper.SendingQueue.OfferResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemoryQueueTest {

  private static ExportRequest<Traces> request(int items, int bytes) {
    return new ExportRequest<>(Context.empty(), spans(items, bytes));
  }

  private static MemoryQueue<Traces> queue(QueueConfig.Sizer sizer, long size, long maxBytes) {
    return new MemoryQueue<>(QueueConfig.defaults().withSizer(sizer).withQueueSize(size)
        .withMaxBytes(ByteSize.ofBytes(maxBytes)));
  }

  @Test
  void measuresRequestsItemsAndBytesAtAcceptance() {
    ExportRequest<Traces> r = request(4, 300);
    assertThat(r.size(QueueConfig.Sizer.REQUESTS)).isEqualTo(1);
    assertThat(r.size(QueueConfig.Sizer.ITEMS)).isEqualTo(4);
    assertThat(r.size(QueueConfig.Sizer.BYTES)).isEqualTo(300);
  }

  @Test
  void isFifoAndHoldsSpaceUntilDone() throws Exception {
    MemoryQueue<Traces> q = queue(QueueConfig.Sizer.ITEMS, 10, 1000);
    ExportRequest<Traces> a = request(4, 100);
    ExportRequest<Traces> b = request(5, 100);
    assertThat(q.offer(a, null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(b, null)).isEqualTo(OfferResult.ACCEPTED);

    assertThat(q.take()).isSameAs(a);
    assertThat(q.size()).isEqualTo(9);
    assertThat(q.offer(request(2, 100), null)).isEqualTo(OfferResult.FULL);
    q.done(a, true);
    assertThat(q.size()).isEqualTo(5);
    assertThat(q.bytes()).isEqualTo(100);
    assertThat(q.take()).isSameAs(b);
  }

  @Test
  void tellsWhichBoundIsFull() throws Exception {
    MemoryQueue<Traces> q = queue(QueueConfig.Sizer.REQUESTS, 2, 1000);
    assertThat(q.offer(request(1, 600), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(request(1, 600), null)).isEqualTo(OfferResult.FULL_BYTES);
    assertThat(q.offer(request(1, 400), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(request(1, 1), null)).isEqualTo(OfferResult.FULL);
    assertThat(q.offer(request(1, 1001), null)).isEqualTo(OfferResult.TOO_LARGE);
  }

  @Test
  void emptyBatchesFitAnItemsQueueButStillCountTheirBytes() throws Exception {
    MemoryQueue<Traces> q = queue(QueueConfig.Sizer.ITEMS, 1, 1000);
    assertThat(q.offer(request(1, 10), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(request(0, 10), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.bytes()).isEqualTo(20);
  }

  @Test
  void closeRefusesOffersAndLetsTakersDrainThenEnd() throws Exception {
    MemoryQueue<Traces> q = queue(QueueConfig.Sizer.REQUESTS, 10, 1000);
    ExportRequest<Traces> a = request(1, 10);
    q.offer(a, null);
    q.close();

    assertThat(q.offer(request(1, 10), null)).isEqualTo(OfferResult.CLOSED);
    assertThat(q.take()).isSameAs(a);
    assertThat(q.take()).isNull();
    assertThat(q.awaitDrained(Deadline.in(Duration.ZERO))).isFalse();
    q.done(a, true);
    assertThat(q.awaitDrained(Deadline.in(Duration.ZERO))).isTrue();
  }

  @Test
  void abandonReturnsWhatWasNotTakenAndFreesItsSpace() throws Exception {
    MemoryQueue<Traces> q = queue(QueueConfig.Sizer.ITEMS, 100, 1000);
    ExportRequest<Traces> a = request(1, 10);
    ExportRequest<Traces> b = request(2, 20);
    ExportRequest<Traces> c = request(3, 30);
    q.offer(a, null);
    q.offer(b, null);
    q.offer(c, null);
    q.take();

    assertThat(q.abandon()).containsExactly(b, c);
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.bytes()).isEqualTo(10);
    assertThat(q.keepsUnfinished()).isFalse();
  }

  @Test
  void aBlockingOfferGivesUpAtItsPatience() throws Exception {
    MemoryQueue<Traces> q = new MemoryQueue<>(QueueConfig.defaults().withQueueSize(1).withBlockOnOverflow(true));
    q.offer(request(1, 10), null);

    assertThat(q.offer(request(1, 10), Deadline.in(Duration.ofMillis(20)))).isEqualTo(OfferResult.FULL);
  }
}
