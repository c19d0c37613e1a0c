package dev.signalbox.exporter.elasticsearch;

import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Flush;
import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.Retry;
import dev.signalbox.sdk.compression.Compression;
import dev.signalbox.sdk.compression.Compressors;
import dev.signalbox.telemetry.Meter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Sends documents to {@code _bulk} in NDJSON ({@code {"create":{"_index":...}}} + source), shared by
 * every push of one exporter.
 *
 * <h2>When a bulk request is sent</h2>
 * A push adds its documents to a common buffer and waits for their outcome. The buffer is sent when
 * it holds {@code flush.bytes}, when no other push is still encoding its documents (so batches
 * that arrive together share a request and a lone batch does not wait), or when its oldest
 * document has waited {@code flush.interval}. Up to {@code num_workers} requests are in flight; a
 * request carries at most {@code flush.bytes} of documents (at least one document).
 *
 * <h2>Retries</h2>
 * A request that fails as a whole (network error, or a status in {@code retry.retry_on_status}) is
 * sent again; after a response, <b>only the documents whose item failed</b> with a status in
 * {@code retry_on_status} are sent again, each time after a wait that starts at
 * {@code retry.initial_interval} and doubles up to {@code retry.max_interval}, at most
 * {@code retry.max_retries} times. Documents refused with any other status (a mapping conflict,
 * 400) are dropped and counted. Thread-safe.
 */
final class BulkIndexer implements AutoCloseable {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
  static final String FILTER_PATH = "errors,items.*.status,items.*.error.type,items.*.error.reason";

  /** Sleeps between retries; replaced in tests. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** One document: its index, its source, and the item of the push it belongs to. */
  static final class Doc {
    final String index;
    final byte[] source;
    final Batch owner;
    final int item;

    Doc(String index, byte[] source, Batch owner, int item) {
      this.index = index;
      this.source = source;
      this.owner = owner;
      this.item = item;
    }

    long size() {
      return source.length + index.length() + 32L;
    }
  }

  /** The documents of one push and their outcome. Guarded by the indexer's lock. */
  static final class Batch {
    private int remaining;
    private final BitSet failedItems = new BitSet();
    private int retryableFailures;
    private int failures;
    private String firstError;
    private boolean submitted;

    /** Items of the push whose document (or one of whose documents) could not be indexed. */
    int failedItems() {
      return failedItems.cardinality();
    }

    String firstError() {
      return firstError;
    }

    /** True when every failure was a whole request that kept failing retryably (backend down). */
    boolean onlyRetryableFailures() {
      return failures > 0 && retryableFailures == failures;
    }
  }

  private final List<URI> bulkUris;
  private final HttpClient client;
  private final Map<String, String> headers;
  private final Compression compression;
  private final Duration timeout;
  private final Flush flush;
  private final Retry retry;
  private final Set<Integer> retryOn;
  private final int workers;
  private final boolean linger;
  private final Sleeper sleeper;
  private final Meter.Counter requestsOk;
  private final Meter.Counter requestsFailed;
  private final Meter.Counter docsRetried;
  private final AtomicInteger next = new AtomicInteger();
  private final Map<String, byte[]> actions = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Doc> pending = new ArrayDeque<>();
  private long pendingBytes;
  private long oldestNanos;
  private int encoding;
  private int inFlight;
  private boolean closed;

  /**
   * @param endpoints base URLs, used in turn
   * @param headers every request's headers (configured headers, authorization)
   * @param linger whether documents may wait for other pushes (false: every push sends at once)
   */
  BulkIndexer(List<String> endpoints, String pipeline, HttpClient client, Map<String, String> headers,
      Compression compression, Duration timeout, Flush flush, Retry retry, int workers, boolean linger,
      Sleeper sleeper, Meter meter) {
    List<URI> uris = new ArrayList<>();
    String query = "?filter_path=" + URLEncoder.encode(FILTER_PATH, StandardCharsets.UTF_8)
        + (pipeline.isEmpty() ? "" : "&pipeline=" + URLEncoder.encode(pipeline, StandardCharsets.UTF_8));
    for (String e : endpoints) {
      String base = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
      uris.add(URI.create(base + "/_bulk" + query));
    }
    this.bulkUris = List.copyOf(uris);
    this.client = client;
    this.headers = Map.copyOf(headers);
    this.compression = compression;
    this.timeout = timeout;
    this.flush = flush;
    this.retry = retry;
    this.retryOn = Set.copyOf(retry.retryOnStatus());
    this.workers = Math.max(1, workers);
    this.linger = linger;
    this.sleeper = sleeper;
    this.requestsOk = meter.counter("otelcol_elasticsearch_bulk_requests", "Bulk requests sent, by outcome",
        "outcome", "success");
    this.requestsFailed = meter.counter("otelcol_elasticsearch_bulk_requests", "Bulk requests sent, by outcome",
        "outcome", "failure");
    this.docsRetried = meter.counter("otelcol_elasticsearch_docs_retried",
        "Documents sent again after their bulk item (or whole request) failed retryably");
  }

  /** Registers a push that is about to encode documents: the buffer waits for it. */
  Batch begin() {
    lock.lock();
    try {
      encoding++;
      return new Batch();
    } finally {
      lock.unlock();
    }
  }

  /** Unregisters a push whose encoding failed before {@link #submit}. */
  void abandon(Batch b) {
    lock.lock();
    try {
      if (!b.submitted) {
        b.submitted = true;
        encoding--;
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds the push's documents and returns when each is indexed or has failed for good; the batch
   * then tells which items failed.
   *
   * @throws InterruptedException when interrupted before its documents were sent; documents not
   *     yet taken by a request are withdrawn
   */
  Batch submit(Batch b, List<Doc> docs) throws InterruptedException, RetryableException {
    lock.lock();
    try {
      if (!b.submitted) {
        b.submitted = true;
        encoding--;
      }
      if (closed) {
        throw new RetryableException("the exporter is shutting down");
      }
      b.remaining += docs.size();
      for (Doc d : docs) {
        if (pending.isEmpty()) {
          oldestNanos = System.nanoTime();
        }
        pending.add(d);
        pendingBytes += d.size();
      }
      changed.signalAll();
      while (b.remaining > 0) {
        long wait = flushWaitNanos();
        if (wait == 0 && inFlight < workers) {
          List<Doc> take = take();
          inFlight++;
          lock.unlock();
          try {
            send(take);
          } finally {
            lock.lock();
            inFlight--;
            changed.signalAll();
          }
          continue;
        }
        try {
          if (wait < 0 || wait == 0) {
            changed.await();
          } else {
            changed.awaitNanos(wait);
          }
        } catch (InterruptedException e) {
          withdraw(b);
          throw e;
        }
        if (closed && b.remaining > 0) {
          withdraw(b);
          throw new RetryableException("the exporter is shutting down");
        }
      }
      return b;
    } finally {
      lock.unlock();
    }
  }

  /** 0: send now; > 0: nanoseconds until the interval; < 0: nothing to send. Under the lock. */
  private long flushWaitNanos() {
    if (pending.isEmpty()) {
      return -1;
    }
    if (!linger || pendingBytes >= flush.bytes().bytes() || encoding == 0) {
      return 0;
    }
    long left = oldestNanos + flush.interval().toNanos() - System.nanoTime();
    return left <= 0 ? 0 : left;
  }

  /** Up to flush.bytes of the oldest documents (at least one). Under the lock. */
  private List<Doc> take() {
    List<Doc> out = new ArrayList<>();
    long bytes = 0;
    long max = flush.bytes().bytes();
    while (!pending.isEmpty() && (out.isEmpty() || bytes + pending.peek().size() <= max)) {
      Doc d = pending.poll();
      bytes += d.size();
      out.add(d);
    }
    pendingBytes -= bytes;
    if (!pending.isEmpty()) {
      oldestNanos = System.nanoTime();
    }
    return out;
  }

  private void withdraw(Batch b) {
    int before = pending.size();
    pending.removeIf(d -> {
      if (d.owner == b) {
        pendingBytes -= d.size();
        return true;
      }
      return false;
    });
    b.remaining -= before - pending.size();
  }

  // ---- sending ------------------------------------------------------------------------------------

  private enum Kind { OK, RETRY, FAIL }

  /** Sends {@code docs}, retrying failed requests and failed items; records every outcome. */
  private void send(List<Doc> docs) {
    List<Doc> toSend = docs;
    int attempt = 0;
    int maxRetries = retry.effectiveMaxRetries();
    while (!toSend.isEmpty()) {
      List<Doc> again = new ArrayList<>();
      String requestFailure = null;
      boolean requestRetryable = false;
      int[] statuses = null;
      String[] errors = null;
      try {
        HttpResponse<InputStream> resp = post(toSend);
        byte[] body;
        try (InputStream in = resp.body()) {
          body = in.readNBytes(MAX_RESPONSE_BYTES);
        }
        int status = resp.statusCode();
        if (status >= 200 && status < 300) {
          requestsOk.inc();
          statuses = new int[toSend.size()];
          errors = new String[toSend.size()];
          parseItems(body, statuses, errors);
        } else {
          requestsFailed.inc();
          requestRetryable = retryOn.contains(status);
          requestFailure = "_bulk responded with HTTP " + status + snippet(body);
        }
      } catch (IOException e) {
        requestsFailed.inc();
        requestRetryable = true;
        requestFailure = "_bulk request failed: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(toSend, "interrupted while sending", true);
        return;
      }
      if (requestFailure != null) {
        if (requestRetryable && attempt < maxRetries) {
          again.addAll(toSend);
        } else {
          fail(toSend, requestFailure + (requestRetryable && maxRetries > 0 ? " (after " + maxRetries
              + " retries)" : ""), requestRetryable);
        }
      } else {
        List<Doc> done = new ArrayList<>();
        for (int i = 0; i < toSend.size(); i++) {
          int s = statuses[i];
          Kind k = s >= 200 && s < 300 ? Kind.OK : retryOn.contains(s) ? Kind.RETRY : Kind.FAIL;
          if (k == Kind.OK) {
            done.add(toSend.get(i));
          } else if (k == Kind.RETRY && attempt < maxRetries) {
            again.add(toSend.get(i));
          } else {
            String why = s == 0 ? "no item in the bulk response" : "status " + s
                + (errors[i] == null ? "" : ": " + errors[i]) + (k == Kind.RETRY ? " (after " + maxRetries
                + " retries)" : "");
            fail(List.of(toSend.get(i)), "document refused: " + why, false);
          }
        }
        succeed(done);
      }
      if (again.isEmpty()) {
        return;
      }
      docsRetried.add(again.size());
      try {
        sleeper.sleep(backoff(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail(again, "interrupted while waiting to retry", true);
        return;
      }
      attempt++;
      toSend = again;
    }
  }

  /** initial_interval * 2^attempt, at most max_interval. */
  Duration backoff(int attempt) {
    Duration d = retry.initialInterval();
    for (int i = 0; i < attempt && d.compareTo(retry.maxInterval()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retry.maxInterval()) > 0 ? retry.maxInterval() : d;
  }

  private HttpResponse<InputStream> post(List<Doc> docs) throws IOException, InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
        docs.stream().mapToLong(Doc::size).sum() + 16));
    for (Doc d : docs) {
      out.write(actions.computeIfAbsent(d.index, BulkIndexer::action));
      out.write(d.source);
      out.write('\n');
    }
    byte[] body = out.toByteArray();
    URI uri = bulkUris.get(Math.floorMod(next.getAndIncrement(), bulkUris.size()));
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofByteArray(Compressors.compress(compression, body)));
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      rb.version(HttpClient.Version.HTTP_1_1);
    }
    if (!timeout.isZero()) {
      rb.timeout(timeout);
    }
    headers.forEach(rb::setHeader);
    rb.setHeader("Content-Type", "application/x-ndjson");
    if (compression != Compression.NONE) {
      rb.setHeader("Content-Encoding", compression.encoding());
    }
    return client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /** {@code {"create":{"_index":"<index>"}}\n}. */
  static byte[] action(String index) {
    StringBuilder sb = new StringBuilder("{\"create\":{\"_index\":\"");
    for (int i = 0; i < index.length(); i++) {
      char c = index.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append("\"}}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads {@code items[i].<action>.status} and {@code .error.type/.reason} in order; items missing
   * from the response keep status 0 (failed).
   */
  static void parseItems(byte[] body, int[] statuses, String[] errors) throws IOException {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("the bulk response is not a JSON object");
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (!name.equals("items") || v != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        int i = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.PROPERTY_NAME) { // the action: create, index, ...
            if (p.nextToken() != JsonToken.START_OBJECT) {
              p.skipChildren();
              continue;
            }
            String type = null;
            String reason = null;
            int status = 0;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String field = p.currentName();
              JsonToken t = p.nextToken();
              if (field.equals("status") && t == JsonToken.VALUE_NUMBER_INT) {
                status = p.getIntValue();
              } else if (field.equals("error") && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                  String ef = p.currentName();
                  JsonToken et = p.nextToken();
                  if (ef.equals("type") && et == JsonToken.VALUE_STRING) {
                    type = p.getString();
                  } else if (ef.equals("reason") && et == JsonToken.VALUE_STRING) {
                    reason = p.getString();
                  } else {
                    p.skipChildren();
                  }
                }
              } else {
                p.skipChildren();
              }
            }
            if (i < statuses.length) {
              statuses[i] = status;
              errors[i] = type == null && reason == null ? null
                  : (type == null ? "" : type) + (reason == null ? "" : (type == null ? "" : ": ") + reason);
            }
          }
          i++;
        }
      }
    } catch (JacksonException e) {
      throw new IOException("unreadable bulk response: " + e.getOriginalMessage(), e);
    }
  }

  private static String snippet(byte[] body) {
    if (body.length == 0) {
      return "";
    }
    String s = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).replaceAll("[\\r\\n\\t]", " ");
    return ": " + s.strip() + (body.length > 300 ? "..." : "");
  }

  private void succeed(List<Doc> docs) {
    if (docs.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      for (Doc d : docs) {
        d.owner.remaining--;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void fail(List<Doc> docs, String why, boolean retryable) {
    lock.lock();
    try {
      for (Doc d : docs) {
        Batch b = d.owner;
        b.remaining--;
        b.failures++;
        if (retryable) {
          b.retryableFailures++;
        }
        b.failedItems.set(d.item);
        if (b.firstError == null) {
          b.firstError = why;
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Fails what is still buffered and wakes every waiting push. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The exception a push throws for a batch with failures, or null. */
  static ConsumeException outcome(Batch b, int items, String what) {
    int failed = b.failedItems();
    if (failed == 0) {
      return null;
    }
    if (failed == items && b.onlyRetryableFailures()) {
      return new RetryableException(what + ": " + b.firstError());
    }
    return new PermanentException(what + ": " + failed + " of " + items + " could not be indexed; first: "
        + b.firstError(), null, failed);
  }

  static Sleeper realSleeper() {
    return d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());
  }
}
