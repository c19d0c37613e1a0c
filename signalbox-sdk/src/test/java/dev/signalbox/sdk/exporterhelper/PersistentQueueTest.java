package dev.signalbox.sdk.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.signalbox.component.ComponentId;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Extension;
import dev.signalbox.component.HealthView;
import dev.signalbox.component.Host;
import dev.signalbox.component.Kind;
import dev.signalbox.component.RetryableException;
import dev.signalbox.config.ByteSize;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.exporterhelper.SendingQueue.OfferResult;
import dev.signalbox.sdk.storage.FsyncPolicy;
import dev.signalbox.sdk.storage.LogListener;
import dev.signalbox.sdk.storage.LogOptions;
import dev.signalbox.sdk.storage.SegmentedLog;
import dev.signalbox.sdk.storage.StorageClient;
import dev.signalbox.sdk.storage.StorageExtension;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistentQueueTest {
  @TempDir
  Path dir;

  /** Small segments (16 requests of 100 bytes), page cache only: fast. */
  LogOptions options = LogOptions.defaults().withSizes(2048, 1 << 20).withFsync(FsyncPolicy.NEVER)
      .withLockTimeout(Duration.ZERO);

  final List<PersistentQueue<Traces>> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    for (PersistentQueue<Traces> q : opened) {
      q.close();
      q.abandon();
      try {
        q.log().close(); // requests taken and never done keep it open otherwise
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** A StorageClient on {@link #dir}. */
  record TestStorage(Path directory, LogOptions options) implements StorageClient {
    @Override
    public SegmentedLog open(LogListener listener) throws IOException {
      return SegmentedLog.open(directory, options, listener);
    }
  }

  /** A test encoding: one wire chunk as [items i32][bytes]. */
  static final class TestCodec implements Serializer.PayloadCodec<Traces> {
    private final byte format;

    TestCodec(byte format) {
      this.format = format;
    }

    @Override
    public byte formatId() {
      return format;
    }

    @Override
    public byte[] encode(Traces data) {
      ByteBuffer b = ByteBuffer.allocate(4 + (int) data.sizeHint());
      b.putInt(data.itemCount());
      for (WireChunk c : data.wireChunks()) {
        b.put(c.bytes(), c.offset(), c.length());
      }
      return b.array();
    }

    @Override
    public Traces decode(byte[] bytes, int offset, int length) {
      int items = ByteBuffer.wrap(bytes, offset, 4).getInt();
      return Traces.fromWire(new WireChunk(bytes, offset + 4, length - 4, items), (chunk, into) -> {});
    }
  }

  static final Serializer<Traces> SERIALIZER = Serializer.withContext(new TestCodec((byte) 0x7F));

  /** A batch of {@code items} spans and {@code bytes} bytes whose first 4 bytes are {@code id}. */
  static Traces batch(int id, int items, int bytes) {
    byte[] b = new byte[bytes];
    if (bytes >= 4) {
      ByteBuffer.wrap(b).putInt(id);
    }
    return Traces.fromWire(new WireChunk(b, 0, bytes, items), (chunk, into) -> {});
  }

  static ExportRequest<Traces> request(int id, int items, int bytes) {
    return new ExportRequest<>(Context.empty(), batch(id, items, bytes));
  }

  static ExportRequest<Traces> request(int id) {
    return request(id, 1, 100);
  }

  static int id(ExportRequest<Traces> r) {
    WireChunk c = r.data().wireChunks().get(0);
    return ByteBuffer.wrap(c.bytes(), c.offset(), 4).getInt();
  }

  PersistentQueue<Traces> open(QueueConfig config) throws IOException {
    PersistentQueue<Traces> q = PersistentQueue.open(config, new TestStorage(dir, options), SERIALIZER);
    opened.add(q);
    return q;
  }

  PersistentQueue<Traces> open(QueueConfig.Sizer sizer, long size, long maxBytes) throws IOException {
    return open(QueueConfig.defaults().withSizer(sizer).withQueueSize(size).withMaxBytes(ByteSize.ofBytes(maxBytes)));
  }

  /** Closes and drops the queue as a shutdown past its deadline would: nothing is acknowledged. */
  void shutDown(PersistentQueue<Traces> q) {
    q.close();
    assertThat(q.abandon()).isEmpty();
    opened.remove(q);
  }

  // ---- the SendingQueue contract, as MemoryQueueTest checks it --------------------------------

  @Test
  void isFifoAndHoldsSpaceUntilDone() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.Sizer.ITEMS, 10, 1000);
    assertThat(q.offer(request(1, 4, 100), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(request(2, 5, 100), null)).isEqualTo(OfferResult.ACCEPTED);

    ExportRequest<Traces> a = q.take();
    assertThat(id(a)).isEqualTo(1);
    assertThat(a.items()).isEqualTo(4);
    assertThat(q.size()).isEqualTo(9);
    assertThat(q.offer(request(3, 2, 100), null)).isEqualTo(OfferResult.FULL);
    q.done(a, true);
    assertThat(q.size()).isEqualTo(5);
    assertThat(q.bytes()).isEqualTo(100);
    assertThat(id(q.take())).isEqualTo(2);
  }

  @Test
  void tellsWhichBoundIsFull() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.Sizer.REQUESTS, 2, 1000);
    assertThat(q.offer(request(1, 1, 600), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(request(2, 1, 600), null)).isEqualTo(OfferResult.FULL_BYTES);
    assertThat(q.offer(request(3, 1, 400), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(request(4, 1, 1), null)).isEqualTo(OfferResult.FULL);
    assertThat(q.offer(request(5, 1, 1001), null)).isEqualTo(OfferResult.TOO_LARGE);
    assertThat(q.capacity()).isEqualTo(2);
    assertThat(q.byteCapacity()).isEqualTo(1000);
  }

  @Test
  void emptyBatchesFitAnItemsQueueButStillCountTheirBytes() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.Sizer.ITEMS, 1, 1000);
    assertThat(q.offer(request(1, 1, 10), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.offer(request(2, 0, 10), null)).isEqualTo(OfferResult.ACCEPTED);
    assertThat(q.bytes()).isEqualTo(20);
  }

  @Test
  void closeRefusesOffersAndLetsTakersDrainThenEnd() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.Sizer.REQUESTS, 10, 1000);
    q.offer(request(1), null);
    q.close();

    assertThat(q.offer(request(2), null)).isEqualTo(OfferResult.CLOSED);
    ExportRequest<Traces> a = q.take();
    assertThat(id(a)).isEqualTo(1);
    assertThat(q.take()).isNull();
    assertThat(q.awaitDrained(Deadline.in(Duration.ZERO))).isFalse();
    q.done(a, true);
    assertThat(q.awaitDrained(Deadline.in(Duration.ZERO))).isTrue();
    assertThat(q.size()).isZero();
    // drained and closed: the log is released, so the directory can be opened again
    try (SegmentedLog log = SegmentedLog.open(dir, options)) {
      assertThat(log.reader().next()).isNull();
    }
  }

  @Test
  void abandonKeepsEverythingAndReturnsNothing() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.Sizer.ITEMS, 100, 1000);
    q.offer(request(1, 1, 10), null);
    q.offer(request(2, 2, 20), null);
    q.offer(request(3, 3, 30), null);
    ExportRequest<Traces> a = q.take();
    q.close();

    assertThat(q.abandon()).isEmpty();
    assertThat(q.take()).isNull();
    assertThat(q.keepsUnfinished()).isTrue();
    assertThat(q.size()).isEqualTo(6); // still counted: kept for the next start
    assertThat(q.awaitDrained(Deadline.in(Duration.ZERO))).isFalse(); // a is in flight
    q.done(a, false);
    assertThat(q.awaitDrained(Deadline.in(Duration.ZERO))).isTrue();
    assertThat(q.size()).isEqualTo(6);
    opened.remove(q);

    PersistentQueue<Traces> again = open(QueueConfig.Sizer.ITEMS, 100, 1000);
    assertThat(again.recovered()).isEqualTo(3);
    assertThat(again.size()).isEqualTo(6);
    assertThat(again.bytes()).isEqualTo(60);
    assertThat(List.of(id(again.take()), id(again.take()), id(again.take()))).containsExactly(1, 2, 3);
  }

  @Test
  void aBlockingOfferGivesUpAtItsPatience() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults().withQueueSize(1).withBlockOnOverflow(true));
    q.offer(request(1), null);

    assertThat(q.offer(request(2), Deadline.in(Duration.ofMillis(20)))).isEqualTo(OfferResult.FULL);
  }

  @Test
  void aBlockingOfferGetsInWhenSpaceIsFreed() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults().withQueueSize(1).withBlockOnOverflow(true));
    q.offer(request(1), null);
    AtomicReference<OfferResult> result = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        result.set(q.offer(request(2), null));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    ExportRequest<Traces> a = q.take();
    q.done(a, true);
    t.join(Duration.ofSeconds(10));
    assertThat(result.get()).isEqualTo(OfferResult.ACCEPTED);
    assertThat(id(q.take())).isEqualTo(2);
  }

  @Test
  void aTakerWaitsForAnOffer() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults());
    AtomicReference<ExportRequest<Traces>> got = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        got.set(q.take());
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    q.offer(request(42), null);
    t.join(Duration.ofSeconds(10));
    assertThat(id(got.get())).isEqualTo(42);
  }

  // ---- persistence -------------------------------------------------------------------------------

  @Test
  void recoveredRequestsComeFirstWithTheirMetadata() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults());
    Context ctx = Context.of(Map.of("X-Tenant-ID", List.of("acme"), "x-multi", List.of("a", "b")), "grpc")
        .withPrincipal("alice");
    q.offer(new ExportRequest<>(ctx, batch(1, 3, 50)), null);
    q.offer(request(2), null);
    shutDown(q);

    PersistentQueue<Traces> again = open(QueueConfig.defaults());
    again.offer(request(3), null);
    ExportRequest<Traces> first = again.take();
    assertThat(id(first)).isEqualTo(1);
    assertThat(first.items()).isEqualTo(3);
    assertThat(first.context().metadata()).isEqualTo(Map.of("x-tenant-id", List.of("acme"), "x-multi",
        List.of("a", "b")));
    // nothing but the client metadata is stored
    assertThat(first.context().principal()).isNull();
    assertThat(first.context().transport()).isEmpty();
    assertThat(id(again.take())).isEqualTo(2);
    assertThat(id(again.take())).isEqualTo(3);
  }

  @Test
  void onlyFinishedRequestsAreAcknowledged() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults());
    for (int i = 1; i <= 4; i++) {
      q.offer(request(i), null);
    }
    ExportRequest<Traces> a = q.take();
    ExportRequest<Traces> b = q.take();
    ExportRequest<Traces> c = q.take();
    q.done(a, true);
    q.done(c, true); // out of order: acknowledged beyond b, which is cut short
    q.close();
    q.abandon();
    q.done(b, false);
    opened.remove(q);

    PersistentQueue<Traces> again = open(QueueConfig.defaults());
    // b kept; c was acknowledged after the gap at b, so it is sent again (at-least-once); a is gone
    assertThat(again.recovered()).isEqualTo(3);
    assertThat(List.of(id(again.take()), id(again.take()), id(again.take()))).containsExactly(2, 3, 4);
  }

  @Test
  void aStoreLargerThanTheQueueBoundsIsRecoveredWhole() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults().withQueueSize(10));
    for (int i = 0; i < 10; i++) {
      q.offer(request(i), null);
    }
    shutDown(q);
    PersistentQueue<Traces> small = open(QueueConfig.defaults().withQueueSize(5));
    assertThat(small.size()).isEqualTo(10);
    assertThat(small.offer(request(99), null)).isEqualTo(OfferResult.FULL);
    for (int i = 0; i < 6; i++) {
      small.done(small.take(), true);
    }
    assertThat(small.offer(request(99), null)).isEqualTo(OfferResult.ACCEPTED);
  }

  @Test
  void theSizeOnDiskIsABoundToo() throws Exception {
    options = options.withSizes(1024, 2048); // about 14 requests of 100 bytes
    PersistentQueue<Traces> q = open(QueueConfig.defaults());
    int accepted = 0;
    while (q.offer(request(accepted), null) == OfferResult.ACCEPTED) {
      accepted++;
    }
    assertThat(accepted).isBetween(10, 16);
    assertThat(q.offer(request(0), null)).isEqualTo(OfferResult.FULL);
    assertThat(q.log().bytesOnDisk()).isLessThanOrEqualTo(2048);
    assertThat(q.offer(request(0, 1, 5000), null)).isEqualTo(OfferResult.TOO_LARGE);

    // sending the first segment's requests deletes it: there is room again
    for (int i = 0; i < accepted / 2 + 1; i++) {
      q.done(q.take(), true);
    }
    await().until(() -> q.offer(request(1000), null) == OfferResult.ACCEPTED);
  }

  @Test
  void aBlockedOfferWakesWhenASegmentIsDeleted() throws Exception {
    options = options.withSizes(1024, 2048);
    PersistentQueue<Traces> q = open(QueueConfig.defaults().withBlockOnOverflow(true));
    int accepted = 0;
    while (q.offer(request(accepted), Deadline.in(Duration.ZERO)) == OfferResult.ACCEPTED) {
      accepted++;
    }
    AtomicReference<OfferResult> result = new AtomicReference<>();
    Thread t = Thread.ofVirtual().start(() -> {
      try {
        result.set(q.offer(request(1000), null));
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    for (int i = 0; i < accepted / 2 + 1; i++) {
      q.done(q.take(), true);
    }
    t.join(Duration.ofSeconds(10));
    assertThat(result.get()).isEqualTo(OfferResult.ACCEPTED);
  }

  @Test
  void aDamagedStoredRequestIsSkippedAndItsSpaceFreed() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults().withSizer(QueueConfig.Sizer.ITEMS));
    for (int i = 0; i < 10; i++) {
      q.offer(request(i, 2, 100), null);
    }
    shutDown(q);
    // damage request 3 (in the first segment): 8 + 13 + header bytes, then the batch
    Path seg;
    try (var s = Files.list(dir)) {
      seg = s.filter(p -> p.toString().endsWith(".seg")).sorted().findFirst().orElseThrow();
    }
    long recordSize = (Files.size(seg) - 20) / countRecordsIn(seg);
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
      long off = 20 + 3 * recordSize + recordSize - 10;
      f.seek(off);
      int b = f.read();
      f.seek(off);
      f.write(b ^ 0xFF);
    }
    PersistentQueue<Traces> again = open(QueueConfig.defaults().withSizer(QueueConfig.Sizer.ITEMS));
    assertThat(again.log().damagedRecords()).isEqualTo(1);
    assertThat(again.size()).isEqualTo(18); // the damaged request's size is unknown: not charged
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ExportRequest<Traces> r = again.take();
      ids.add(id(r));
      again.done(r, true);
    }
    assertThat(ids).containsExactly(0, 1, 2, 4, 5, 6, 7, 8, 9);
    assertThat(again.size()).isZero();
  }

  private static int countRecordsIn(Path seg) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "r")) {
      int n = 0;
      long off = 20;
      while (off < f.length()) {
        f.seek(off);
        off += 8 + f.readInt();
        n++;
      }
      return n;
    }
  }

  @Test
  void aRequestThatCannotBeDecodedIsDroppedAndTheRestSent() throws Exception {
    PersistentQueue<Traces> q = open(QueueConfig.defaults());
    q.offer(request(1), null);
    shutDown(q);
    PersistentQueue<Traces> other = PersistentQueue.open(QueueConfig.defaults(), new TestStorage(dir, options),
        Serializer.withContext(new TestCodec((byte) 0x7E)));
    opened.add(other);
    other.offer(request(2), null);
    ExportRequest<Traces> r = other.take();
    assertThat(id(r)).isEqualTo(2);
    assertThat(other.undecodable()).isEqualTo(1);
    other.done(r, true);
    assertThat(other.size()).isZero();
  }

  @Test
  void manyOfferersAndTakersDeliverEverythingOnce() throws Exception {
    options = options.withFsync(FsyncPolicy.BATCH).withSizes(64 * 1024, 64 << 20);
    PersistentQueue<Traces> q = open(QueueConfig.defaults().withQueueSize(100).withBlockOnOverflow(true));
    int producers = 8;
    int each = 100;
    List<Integer> got = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          ExportRequest<Traces> r;
          while ((r = q.take()) != null) {
            got.add(id(r));
            q.done(r, true);
          }
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }));
    }
    List<Thread> offerers = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      int base = p * each;
      offerers.add(Thread.ofVirtual().start(() -> {
        for (int i = 0; i < each; i++) {
          try {
            assertThat(q.offer(request(base + i, 1, 300), null)).isEqualTo(OfferResult.ACCEPTED);
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          }
        }
      }));
    }
    for (Thread t : offerers) {
      t.join();
    }
    q.close();
    assertThat(q.awaitDrained(Deadline.in(Duration.ofSeconds(30)))).isTrue();
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(10));
    }
    assertThat(got).hasSize(producers * each).doesNotHaveDuplicates();
    assertThat(q.size()).isZero();
  }

  @Test
  void aSecondQueueOnTheSameDirectoryIsRefused() throws Exception {
    open(QueueConfig.defaults());
    assertThatThrownBy(() -> open(QueueConfig.defaults())).hasMessageContaining("is in use");
  }

  // ---- factory -----------------------------------------------------------------------------------

  static Host host(Map<ComponentId, Extension> extensions) {
    return new Host() {
      @Override
      public Map<ComponentId, Extension> extensions() {
        return extensions;
      }

      @Override
      public HealthView health() {
        return null;
      }
    };
  }

  /** A storage extension handing out {@code <dir>/<kind>_<id>_<signal>}. */
  final class TestStorageExtension implements StorageExtension {
    final List<String> clients = new CopyOnWriteArrayList<>();

    @Override
    public StorageClient client(Kind kind, ComponentId id, Signal<?> signal) {
      String name = kind.label() + "_" + id.type() + "_" + id.name() + "_" + signal;
      clients.add(name);
      return new TestStorage(dir.resolve(name), options);
    }
  }

  final ComponentSettings settings = ComponentSettings.forTest(Kind.EXPORTER, ComponentId.of("otlp", "a"));

  @Test
  void theFactoryFindsTheStorageExtension() throws Exception {
    TestStorageExtension ext = new TestStorageExtension();
    SendingQueue.Factory<Traces> f = PersistentQueue.factory(settings, Signal.TRACES, SERIALIZER);
    SendingQueue<Traces> q = f.create(QueueConfig.defaults().withStorage(ComponentId.of("file_storage")),
        host(Map.of(ComponentId.of("file_storage"), ext)));
    try {
      assertThat(q).isInstanceOf(PersistentQueue.class);
      assertThat(q.keepsUnfinished()).isTrue();
      assertThat(ext.clients).containsExactly("exporter_otlp_a_traces");
      assertThat(dir.resolve("exporter_otlp_a_traces").resolve("lock")).exists();
    } finally {
      q.close();
    }
  }

  @Test
  void theFactoryUsesMemoryWithoutStorage() throws Exception {
    SendingQueue<Traces> q = PersistentQueue.factory(settings, Signal.TRACES, SERIALIZER)
        .create(QueueConfig.defaults(), host(Map.of()));
    assertThat(q).isInstanceOf(MemoryQueue.class);
  }

  @Test
  void theFactoryNamesTheKeyWhenTheExtensionIsMissingOrNotStorage() {
    SendingQueue.Factory<Traces> f = PersistentQueue.factory(settings, Signal.TRACES, SERIALIZER);
    QueueConfig config = QueueConfig.defaults().withStorage(ComponentId.of("health_check"));
    assertThatThrownBy(() -> f.create(config, host(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exporters.otlp/a.sending_queue.storage: extension 'health_check' is not configured; define it"
            + " under extensions and list it in service.extensions");
    Extension notStorage = new Extension() {};
    assertThatThrownBy(() -> f.create(config, host(Map.of(ComponentId.of("health_check"), notStorage))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("exporters.otlp/a.sending_queue.storage: extension 'health_check' is not a storage extension");
  }

  // ---- with the exporter helper ------------------------------------------------------------------

  @Test
  void theHelperKeepsWhatShutdownCutShortAndSendsItAfterARestart() throws Exception {
    options = options.withLockTimeout(Duration.ofSeconds(10));
    TestStorageExtension ext = new TestStorageExtension();
    Host host = host(Map.of(ComponentId.of("file_storage"), ext));
    QueueConfig config = QueueConfig.defaults().withNumConsumers(2).withStorage(ComponentId.of("file_storage"));
    AtomicInteger attempts = new AtomicInteger();
    Fixture fx = new Fixture();
    ExporterHelper<Traces> first = ExporterHelper.builder(fx.settings, Signal.TRACES, (ctx, data, deadline) -> {
          attempts.incrementAndGet();
          throw new RetryableException("backend down");
        })
        .queue(config)
        .retry(RetryConfig.defaults().withInitialInterval(Duration.ofHours(1)).withMaxInterval(Duration.ofHours(1))
            .withMaxElapsedTime(Duration.ZERO))
        .queueFactory(PersistentQueue.factory(fx.settings, Signal.TRACES, SERIALIZER))
        .build();
    first.start(host);
    for (int i = 0; i < 5; i++) {
      first.consume(Context.empty(), batch(i, 2, 100));
    }
    await().until(() -> attempts.get() >= 2); // both workers are waiting to retry
    first.shutdown(Deadline.in(Duration.ofMillis(300)));
    assertThat(fx.failed("shutdown")).isZero(); // kept, not dropped

    List<Integer> sent = new CopyOnWriteArrayList<>();
    Fixture fx2 = new Fixture();
    ExporterHelper<Traces> second = ExporterHelper.builder(fx2.settings, Signal.TRACES, (ctx, data, deadline) -> {
          WireChunk c = data.wireChunks().get(0);
          sent.add(ByteBuffer.wrap(c.bytes(), c.offset(), 4).getInt());
        })
        .queue(config.withNumConsumers(1))
        .queueFactory(PersistentQueue.factory(fx2.settings, Signal.TRACES, SERIALIZER))
        .build();
    second.start(host);
    await().until(() -> sent.size() == 5);
    assertThat(sent).containsExactly(0, 1, 2, 3, 4);
    assertThat(fx2.sent()).isEqualTo(10);
    second.shutdown(Deadline.in(Duration.ofSeconds(5)));
  }
}
