package dev.signalbox.exporter.influxdb;

import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.PermanentException;
import dev.signalbox.exporter.httpcommon.HttpPushExporter;
import dev.signalbox.pdata.Metrics;
import dev.signalbox.pdata.Signal;
import dev.signalbox.sdk.http.HttpSender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code influxdb} exporter (metrics): each batch becomes line protocol ({@link LineProtocol}),
 * cut into payloads of at most {@code payload_max_lines} lines and {@code payload_max_bytes}
 * bytes, each POSTed to the v1 or v2 write API. See the package comment. The lifecycle, queue and
 * retries are {@link HttpPushExporter}'s; requests go through {@link HttpSender} (compression,
 * timeout, headers, 429 and 5xx retryable, the URL without its query in messages: v1 credentials
 * may be there).
 */
final class InfluxDbExporter extends HttpPushExporter<Metrics> {
  private final InfluxDbExporterConfig config;
  private final LineProtocol encoder;
  private final URI writeUri;
  /** Authorization, after the configured headers (as before: it wins over one of theirs). */
  private final Map<String, String> headers;

  InfluxDbExporter(ComponentSettings settings, InfluxDbExporterConfig config) {
    super(settings, Signal.METRICS, config.client(), config.sendingQueue(), config.retryOnFailure());
    this.config = config;
    this.encoder = new LineProtocol(config.metricsSchema().equals(InfluxDbExporterConfig.SCHEMA_V2),
        config.precision().nanos());
    this.writeUri = config.writeUri();
    var v1 = config.v1Compatibility();
    if (v1.enabled()) {
      this.headers = !v1.username().isEmpty() && !v1.password().isEmpty()
          ? Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (v1.username() + ":" + v1.password().reveal()).getBytes(StandardCharsets.UTF_8)))
          : Map.of();
    } else {
      this.headers = config.token().isEmpty() ? Map.of() : Map.of("Authorization", "Token " + config.token().reveal());
    }
  }

  @Override
  protected String sending() {
    return "line protocol (" + config.metricsSchema() + ")";
  }

  @Override
  protected void push(Context ctx, Metrics data, Deadline deadline, HttpSender sender) throws ConsumeException {
    LineProtocol.Encoded e = encoder.encode(data, config.payloadMaxLines(), config.payloadMaxBytes());
    // a retry sends every payload again: InfluxDB keeps one value per series and time, so that is harmless
    for (byte[] payload : e.payloads()) {
      sender.send("POST", writeUri, "text/plain; charset=utf-8", payload, headers, MAX_RESPONSE_BYTES);
    }
    if (e.dropped() > 0) {
      throw new PermanentException("dropped " + e.dropped() + " metric points InfluxDB's Telegraf schemas cannot "
          + "carry (" + e.droppedDelta() + " of delta sums or histograms, " + e.droppedExponential()
          + " of exponential histograms; first: " + e.firstDropped() + "); make them cumulative before this exporter",
          null, e.dropped());
    }
  }

  /** Line protocol payloads of a batch, for tests. */
  LineProtocol.Encoded encode(Metrics data) {
    return encoder.encode(data, config.payloadMaxLines(), config.payloadMaxBytes());
  }
}
