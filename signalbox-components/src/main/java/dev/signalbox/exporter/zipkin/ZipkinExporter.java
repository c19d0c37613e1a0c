package dev.signalbox.exporter.zipkin;

import dev.signalbox.sdk.http.HttpSender;
import dev.signalbox.component.ComponentSettings;
import dev.signalbox.component.ConsumeException;
import dev.signalbox.component.Context;
import dev.signalbox.component.Deadline;
import dev.signalbox.component.PermanentException;
import dev.signalbox.exporter.httpcommon.HttpPushExporter;
import dev.signalbox.exporter.zipkin.ZipkinExporterConfig.Format;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import zipkin2.codec.SpanBytesEncoder;

/**
 * The {@code zipkin} exporter: a push translates the batch (see {@link OtlpToZipkin}) and POSTs it
 * in one request; the client, queue and retry are {@link HttpPushExporter}'s.
 */
final class ZipkinExporter extends HttpPushExporter<Traces> {
  private final ZipkinExporterConfig config;
  private final OtlpToZipkin translator;

  ZipkinExporter(ComponentSettings settings, ZipkinExporterConfig config) {
    super(settings, Signal.TRACES, config.client(), config.sendingQueue(), config.retryOnFailure());
    this.config = config;
    this.translator = new OtlpToZipkin(config.defaultServiceName());
  }

  @Override
  protected String sending() {
    return "Zipkin v2 " + (config.format() == Format.PROTO ? "proto3" : "JSON");
  }

  @Override
  protected void push(Context ctx, Traces data, Deadline deadline, HttpSender p) throws ConsumeException {
    OtlpToZipkin.Result r = translator.translate(data);
    if (!r.spans().isEmpty()) {
      byte[] body;
      String contentType;
      if (config.format() == Format.PROTO) {
        body = SpanBytesEncoder.PROTO3.encodeList(r.spans());
        contentType = "application/x-protobuf";
      } else {
        body = SpanBytesEncoder.JSON_V2.encodeList(r.spans());
        contentType = "application/json";
      }
      p.send("POST", uri, contentType, body, java.util.Map.of(), MAX_RESPONSE_BYTES);
    }
    if (r.invalid() > 0) {
      throw new PermanentException("cannot translate " + r.invalid() + " span(s) to Zipkin: " + r.firstProblem(),
          null, r.invalid());
    }
  }
}
