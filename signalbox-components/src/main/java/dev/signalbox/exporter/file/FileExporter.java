package dev.signalbox.exporter.file;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.Consumer;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.Exporter;
import dev.signalbox.component.Host;
import dev.signalbox.component.PermanentException;
import dev.signalbox.component.RetryableException;
import dev.signalbox.exporter.file.FileExporterConfig.Format;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.otlp.OtlpJsonCodec;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import dev.signalbox.telemetry.Meter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every batch it receives to one file shared by all its signals: OTLP/JSON lines or
 * length-prefixed OTLP protobuf. Synchronous: a batch is in the file's buffer when consume
 * returns, and on disk after the next flush (every {@code flush_interval}, and at shutdown).
 */
final class FileExporter implements Exporter {
  private static final Logger LOG = LoggerFactory.getLogger(FileExporter.class);

  private final ComponentSettings settings;
  private final FileExporterConfig config;
  private RotatingWriter writer;
  private ScheduledExecutorService flusher;

  FileExporter(ComponentSettings settings, FileExporterConfig config) {
    this.settings = settings;
    this.config = config;
  }

  @Override
  public synchronized void start(Host host) throws IOException {
    writer = new RotatingWriter(Path.of(config.path()), config.compression(), config.rotation(), config.append(),
        Clock.systemUTC());
    if (config.flushInterval().isPositive()) {
      flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("file-flush").factory());
      long n = config.flushInterval().toNanos();
      flusher.scheduleWithFixedDelay(this::flush, n, n, TimeUnit.NANOSECONDS);
    }
    LOG.info("exporter {} writing {} to {}", settings.id(), config.format().name().toLowerCase(java.util.Locale.ROOT),
        Path.of(config.path()).toAbsolutePath());
  }

  private synchronized void flush() {
    if (writer == null) {
      return;
    }
    try {
      writer.flush();
    } catch (IOException e) {
      LOG.warn("exporter {}: flushing {} failed: {}", settings.id(), config.path(), e.toString());
    }
  }

  @Override
  public <T extends Telemetry> Consumer<T> consumer(Signal<T> signal) {
    Meter.Counter sent = settings.meter().counter("otelcol_exporter_sent_" + signal.itemName(),
        "Number of " + signal.itemName() + " successfully sent to destination");
    Meter.Counter failed = settings.meter().counter("otelcol_exporter_send_failed_" + signal.itemName(),
        "Number of " + signal.itemName() + " in failed attempts to send to destination");
    return (ctx, data) -> {
      int n = data.itemCount();
      byte[][] records = encode(data);
      try {
        synchronized (this) {
          if (writer == null) {
            throw new RetryableException("exporter " + settings.id() + " is not running");
          }
          for (byte[] r : records) {
            writer.write(r, 0, r.length);
          }
          if (config.flushInterval().isZero()) {
            writer.flush();
          }
        }
      } catch (IOException e) {
        failed.add(n);
        settings.status().recoverableError("writing " + config.path() + ": " + e.getMessage());
        throw new RetryableException("exporter " + settings.id() + ": writing " + config.path() + " failed: "
            + e.getMessage(), e);
      }
      sent.add(n);
    };
  }

  /** One framed record per request: a JSON line, or a 4-byte length and the protobuf bytes. */
  private byte[][] encode(Telemetry data) throws PermanentException {
    if (config.format() == Format.JSON) {
      if (data instanceof Profiles) {
        throw new PermanentException("the file exporter writes profiles in format: proto only");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(1 << 20, data.sizeHint() * 2 + 64));
      try {
        OtlpJsonCodec.INSTANCE.writeLineTo(data, out);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      byte[] b = out.toByteArray();
      if (b.length == 0 || b[b.length - 1] != '\n') {
        byte[] c = java.util.Arrays.copyOf(b, b.length + 1);
        c[b.length] = '\n';
        b = c;
      }
      return new byte[][] {b};
    }
    if (data instanceof Profiles p) {
      return OtlpProtoCodec.INSTANCE.encodeProfiles(p).stream().map(FileExporter::framed).toArray(byte[][]::new);
    }
    ByteBuffer buf = OtlpProtoCodec.INSTANCE.encodeToBuffer(data);
    byte[] b = new byte[buf.remaining()];
    buf.get(b);
    return new byte[][] {framed(b)};
  }

  private static byte[] framed(byte[] proto) {
    byte[] out = new byte[proto.length + 4];
    out[0] = (byte) (proto.length >>> 24);
    out[1] = (byte) (proto.length >>> 16);
    out[2] = (byte) (proto.length >>> 8);
    out[3] = (byte) proto.length;
    System.arraycopy(proto, 0, out, 4, proto.length);
    return out;
  }

  @Override
  public synchronized void shutdown(Deadline deadline) throws IOException {
    if (flusher != null) {
      flusher.shutdownNow();
      flusher = null;
    }
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }
}
