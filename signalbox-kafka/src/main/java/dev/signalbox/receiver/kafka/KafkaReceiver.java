package dev.signalbox.receiver.kafka;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumers;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Host;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Receiver;
import dev.signalbox.component.RetryableException;
import dev.signalbox.kafka.KafkaClientProperties;
import dev.signalbox.kafka.KafkaEncoding;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.admission.MemoryPressure;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.sdk.proto.MalformedDataException;
import dev.signalbox.telemetry.Meter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.clients.consumer.StickyAssignor;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer-group member on one platform thread (kafka-clients takes internal locks that pin
 * virtual threads). The thread owns the {@code KafkaConsumer} and every field marked "poll thread".
 *
 * <p>Delivery is at least once: a record's offset becomes committable only when the next consumer
 * accepted its data, or when it is skipped for good (malformed, or refused permanently). A
 * retryable refusal seeks the partition back to the refused record and pauses it for a backoff, so
 * nothing after it is delivered or committed first; other partitions go on.
 */
final class KafkaReceiver implements Receiver {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaReceiver.class);
  static final String TRANSPORT = "kafka";
  private static final Context CONTEXT = Context.of(Map.of(), TRANSPORT);
  static final Duration MIN_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration IDLE_POLL = Duration.ofMillis(500);
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final ComponentSettings settings;
  private final KafkaReceiverConfig config;
  private final Consumers next;
  private final Function<Map<String, Object>, org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumers;
  /** Topic → signal, and each signal's encoding. */
  private final Map<String, Signal<?>> signals = new LinkedHashMap<>();
  private final Map<Signal<?>, KafkaEncoding> encodings = new HashMap<>();
  private final Meter.Counter malformed;
  private final String key;

  private final Object lifecycle = new Object();
  private volatile boolean running;
  private volatile Deadline stopBy;
  private Thread thread;
  private org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
  private boolean stopped;

  // ---- poll thread only
  /** Offsets accepted and not yet committed (the next offset to read, per partition). */
  private final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
  /** Paused partitions and when to resume them (System.nanoTime). */
  private final Map<TopicPartition, Long> paused = new HashMap<>();
  /** Consecutive refusals per partition, for the backoff. */
  private final Map<TopicPartition, Integer> refusals = new HashMap<>();
  private long lastCommit = System.nanoTime();
  private long lastRefusalLog;
  private long suppressedRefusalLogs;
  private long lastMalformedLog;
  private long suppressedMalformedLogs;

  KafkaReceiver(ComponentSettings settings, KafkaReceiverConfig config, Consumers next) {
    this(settings, config, next, props -> new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer()));
  }

  /** With a consumer factory, for tests. */
  KafkaReceiver(ComponentSettings settings, KafkaReceiverConfig config, Consumers next,
      Function<Map<String, Object>, org.apache.kafka.clients.consumer.Consumer<byte[], byte[]>> consumers) {
    this.settings = settings;
    this.config = config;
    this.next = next;
    this.consumers = consumers;
    this.key = settings.kind().section() + "." + settings.id();
    for (Signal<?> s : next.signals()) {
      if (s == Signal.PROFILES) {
        throw new IllegalArgumentException(key + ": the kafka receiver does not receive profiles");
      }
      KafkaEncoding e = config.encodingFor(s);
      if (e == null || !e.supports(s, true)) {
        throw new IllegalArgumentException(key + ": encoding '" + config.encodingName(s) + "' cannot carry " + s
            + "; set " + key + "." + s + ".encoding to otlp_proto or otlp_json");
      }
      String topic = config.topicFor(s);
      Signal<?> other = signals.putIfAbsent(topic, s);
      if (other != null) {
        throw new IllegalArgumentException(key + ": " + other + " and " + s + " would both read topic '" + topic
            + "', and a message does not say which signal it holds; set " + key + "." + other + ".topic and "
            + key + "." + s + ".topic to different topics");
      }
      encodings.put(s, e);
    }
    this.malformed = settings.meter().counter("otelcol_receiver_refused_requests",
        "Requests refused before their data reached the pipeline", "transport", TRANSPORT, "reason", "malformed");
  }

  /** The consumer's properties: the client keys, then the group and fetch keys. */
  Map<String, Object> consumerProperties() {
    Map<String, Object> p = KafkaClientProperties.of(config.client());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    if (!config.groupInstanceId().isEmpty()) {
      p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
    }
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.initialOffset().name().toLowerCase(java.util.Locale.ROOT));
    // Offsets are committed by us, and only for accepted data.
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.sessionTimeout().toMillis());
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) config.heartbeatInterval().toMillis());
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, switch (config.groupRebalanceStrategy()) {
      case "roundrobin" -> RoundRobinAssignor.class.getName();
      case "sticky" -> StickyAssignor.class.getName();
      case "cooperative-sticky" -> CooperativeStickyAssignor.class.getName();
      default -> RangeAssignor.class.getName();
    });
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, config.minFetchSize());
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.defaultFetchSize());
    if (config.maxFetchSize() > 0) {
      p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, config.maxFetchSize());
    }
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.maxFetchWait().toMillis());
    return p;
  }

  @Override
  public void start(Host host) {
    synchronized (lifecycle) {
      if (thread != null || stopped) {
        throw new IllegalStateException(settings.describe() + " was already started");
      }
      consumer = consumers.apply(consumerProperties());
      running = true;
      thread = Thread.ofPlatform().daemon().name("kafka-receiver-" + settings.id()).start(this::run);
    }
    LOG.info("{} consuming {} as group '{}' from {}", settings.describe(), signals, config.groupId(),
        String.join(",", config.client().brokers()));
  }

  @Override
  public void shutdown(Deadline deadline) throws InterruptedException {
    Thread t;
    synchronized (lifecycle) {
      if (stopped) {
        return;
      }
      stopped = true;
      t = thread;
      if (t == null) {
        return;
      }
      stopBy = deadline;
      running = false;
      consumer.wakeup();
    }
    // Let a delivery in progress finish; interrupt one stuck on back-pressure halfway to the deadline.
    if (!t.join(deadline.remaining().dividedBy(2))) {
      t.interrupt();
      t.join(deadline.remaining());
    }
  }

  // ---- the poll thread

  private void run() {
    try {
      consumer.subscribe(signals.keySet(), new Rebalance());
      settings.status().ok();
      while (running) {
        resumeDue();
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(pollTimeout());
        } catch (WakeupException e) {
          continue;
        }
        for (TopicPartition tp : records.partitions()) {
          if (!running) {
            break;
          }
          if (!paused.containsKey(tp)) {
            deliver(tp, records.records(tp));
          }
        }
        commit(false);
      }
    } catch (WakeupException | InterruptException e) {
      // shutting down
    } catch (KafkaException | IllegalStateException e) {
      if (running) {
        LOG.error("{} stopped consuming: {}", settings.describe(), e.toString(), e);
        settings.status().recoverableError("the Kafka consumer failed: " + e.getMessage());
      }
    } finally {
      close();
    }
  }

  /** Delivers one partition's records in order; stops at a retryable refusal. */
  private void deliver(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      if (!running) {
        return;
      }
      Duration retryIn = handle(r);
      if (retryIn != null) {
        consumer.seek(tp, new OffsetAndMetadata(r.offset(), r.leaderEpoch(), ""));
        consumer.pause(Set.of(tp));
        paused.put(tp, System.nanoTime() + retryIn.toNanos());
        return;
      }
      pending.put(tp, new OffsetAndMetadata(r.offset() + 1, r.leaderEpoch(), ""));
      refusals.remove(tp);
    }
  }

  /** Decodes and passes on one record; null when it is done with (accepted or skipped), else when to retry. */
  private Duration handle(ConsumerRecord<byte[], byte[]> r) {
    Signal<?> s = signals.get(r.topic());
    if (s == null) {
      return null;
    }
    return handle(s, r);
  }

  private <T extends Telemetry> Duration handle(Signal<T> signal, ConsumerRecord<byte[], byte[]> r) {
    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
    if (MemoryPressure.refusing()) {
      return refused(tp, r, MemoryPressure.refusal());
    }
    T data;
    try {
      data = decode(signal, r);
    } catch (MalformedDataException | RuntimeException e) {
      malformed.inc();
      long now = System.nanoTime();
      if (now - lastMalformedLog >= LOG_INTERVAL.toNanos()) {
        LOG.warn("{} skipped a malformed {} record at topic {} partition {} offset {} ({} bytes, encoding {}): {}{}",
            settings.describe(), signal, r.topic(), r.partition(), r.offset(), r.value() == null ? 0 : r.value().length,
            encodings.get(signal).key(), e.getMessage(),
            suppressedMalformedLogs > 0 ? " (and " + suppressedMalformedLogs + " more since the last such line)" : "");
        lastMalformedLog = now;
        suppressedMalformedLogs = 0;
      } else {
        suppressedMalformedLogs++;
      }
      return null;
    }
    if (data.isEmpty()) {
      return null;
    }
    try {
      next.get(signal).consume(context(r), data);
      return null;
    } catch (RetryableException e) {
      return refused(tp, r, e);
    } catch (ConsumeException e) { // permanent
      LOG.warn("{} dropped the {} record at topic {} partition {} offset {}: the pipeline refused it permanently: {}",
          settings.describe(), signal, r.topic(), r.partition(), r.offset(), e.getMessage());
      return null;
    }
  }

  /** A retryable refusal: how long to pause the partition before delivering the record again. */
  private Duration refused(TopicPartition tp, ConsumerRecord<byte[], byte[]> r, RetryableException e) {
    int n = refusals.merge(tp, 1, Integer::sum);
    long backoff = MIN_BACKOFF.toNanos() << Math.min(n - 1, 16);
    Duration wait = Duration.ofNanos(Math.min(backoff, MAX_BACKOFF.toNanos()));
    if (e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
      wait = e.retryAfter().compareTo(MAX_BACKOFF.multipliedBy(6)) > 0 ? MAX_BACKOFF.multipliedBy(6) : e.retryAfter();
    }
    long now = System.nanoTime();
    if (now - lastRefusalLog >= LOG_INTERVAL.toNanos()) {
      LOG.warn("{}: the pipeline refused the record at topic {} partition {} offset {} ({}); pausing the partition"
          + " for {} ms and delivering it again{}", settings.describe(), r.topic(), r.partition(), r.offset(),
          e.getMessage(), wait.toMillis(),
          suppressedRefusalLogs > 0 ? " (" + suppressedRefusalLogs + " more refusals since the last such line)" : "");
      lastRefusalLog = now;
      suppressedRefusalLogs = 0;
    } else {
      suppressedRefusalLogs++;
    }
    return wait;
  }

  private <T extends Telemetry> T decode(Signal<T> signal, ConsumerRecord<byte[], byte[]> r)
      throws MalformedDataException {
    byte[] v = r.value() == null ? new byte[0] : r.value();
    return switch (encodings.get(signal)) {
      case OTLP_PROTO -> OtlpProtoCodec.INSTANCE.decode(signal, v, 0, v.length);
      case OTLP_JSON -> OtlpJsonCodec.INSTANCE.decode(signal, v, 0, v.length);
      case RAW -> signal.cast(bodyLog(r, AnyValue.of(v)));
      case TEXT -> signal.cast(bodyLog(r, AnyValue.of(new String(v, StandardCharsets.UTF_8))));
    };
  }

  /** One log record whose body is the message, timestamped by the message. */
  private static Logs bodyLog(ConsumerRecord<byte[], byte[]> r, AnyValue body) {
    Logs logs = new Logs();
    LogRecord rec = logs.resourceLogs().addNew().scopeLogs().addNew().logRecords().addNew();
    long now = System.currentTimeMillis();
    rec.setObservedTimeUnixNano(now * 1_000_000L);
    if (r.timestamp() > 0) {
      rec.setTimeUnixNano(r.timestamp() * 1_000_000L);
    }
    rec.setBody(body);
    return logs;
  }

  /** The record's headers as client metadata (UTF-8 values), with transport "kafka". */
  private static Context context(ConsumerRecord<byte[], byte[]> r) {
    Header[] headers = r.headers().toArray();
    if (headers.length == 0) {
      return CONTEXT;
    }
    Map<String, List<String>> m = new TreeMap<>();
    for (Header h : headers) {
      m.computeIfAbsent(h.key(), k -> new ArrayList<>())
          .add(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    return Context.of(m, TRANSPORT);
  }

  private Duration pollTimeout() {
    long wait = IDLE_POLL.toNanos();
    long now = System.nanoTime();
    if (config.autocommit().enable() && !pending.isEmpty()) {
      wait = Math.min(wait, Math.max(0, lastCommit + config.autocommit().interval().toNanos() - now));
    }
    for (long at : paused.values()) {
      wait = Math.min(wait, Math.max(0, at - now));
    }
    return Duration.ofNanos(Math.max(wait, 1_000_000));
  }

  private void resumeDue() {
    if (paused.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    List<TopicPartition> due = new ArrayList<>();
    paused.forEach((tp, at) -> {
      if (at - now <= 0) {
        due.add(tp);
      }
    });
    if (due.isEmpty()) {
      return;
    }
    due.forEach(paused::remove);
    Set<TopicPartition> assigned = consumer.assignment();
    consumer.resume(due.stream().filter(assigned::contains).toList());
  }

  /** Commits accepted offsets: every autocommit interval (async), or at once when {@code force} or autocommit is off (sync). */
  private void commit(boolean force) {
    if (pending.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    boolean sync = force || !config.autocommit().enable();
    if (!sync && now - lastCommit < config.autocommit().interval().toNanos()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(pending);
    pending.clear();
    lastCommit = now;
    if (sync) {
      commitSync(offsets);
      return;
    }
    consumer.commitAsync(offsets, (done, error) -> {
      if (error != null) {
        LOG.debug("{}: committing offsets failed, will retry: {}", settings.describe(), error.toString());
        // runs on the poll thread: keep what no newer accepted offset replaced
        done = done == null ? offsets : done;
        done.forEach((tp, o) -> pending.merge(tp, o, (a, b) -> a.offset() >= b.offset() ? a : b));
      }
    });
  }

  private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, commitTimeout());
    } catch (KafkaException e) {
      LOG.warn("{}: could not commit offsets {} ({}); those records will be delivered again", settings.describe(),
          offsets, e.toString());
    }
  }

  private Duration commitTimeout() {
    Deadline d = stopBy;
    Duration t = Duration.ofSeconds(10);
    if (d != null && d.remaining().compareTo(t) < 0) {
      return d.remaining().isZero() ? Duration.ofMillis(1) : d.remaining();
    }
    return t;
  }

  private void close() {
    Thread.interrupted(); // an interrupt from shutdown must not stop the final commit
    try {
      commit(true);
    } catch (RuntimeException e) {
      LOG.warn("{}: final commit failed: {}", settings.describe(), e.toString());
    }
    try {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(commitTimeout()));
    } catch (RuntimeException e) {
      LOG.warn("{}: closing the consumer failed: {}", settings.describe(), e.toString());
    }
  }

  /** Commits what was accepted from partitions taken away; forgets their pauses. Poll thread. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata o = pending.remove(tp);
        if (o != null) {
          offsets.put(tp, o);
        }
        paused.remove(tp);
        refusals.remove(tp);
      }
      commitSync(offsets);
      if (!partitions.isEmpty()) {
        LOG.info("{}: partitions revoked: {}", settings.describe(), partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        pending.remove(tp);
        paused.remove(tp);
        refusals.remove(tp);
      }
      LOG.warn("{}: partitions lost (their uncommitted records will be delivered again): {}", settings.describe(),
          partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        LOG.info("{}: partitions assigned: {}", settings.describe(), partitions);
      }
    }
  }
}
