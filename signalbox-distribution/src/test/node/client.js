// A real OpenTelemetry Node.js SDK client for Signalbox's integration test. It sends traces,
// metrics and logs over OTLP/HTTP JSON to OTLP_ENDPOINT and writes what it sent (as the SDK saw
// it) to EXPECTED_OUT, so the test can compare that with what Signalbox delivered.
//
// Run with OTEL_NODE_RESOURCE_DETECTORS=env,host,os,process: the default detectors probe cloud
// metadata addresses, which tests must never contact.
'use strict';

const fs = require('fs');
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { trace, metrics, SpanKind, SpanStatusCode, context } = require('@opentelemetry/api');
const { logs, SeverityNumber } = require('@opentelemetry/api-logs');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-http');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-http');
const { BatchSpanProcessor, SimpleSpanProcessor, InMemorySpanExporter } = require('@opentelemetry/sdk-trace-base');
const { PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics');
const { BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { envDetector, hostDetector, osDetector, processDetector } = require('@opentelemetry/resources');

const base = process.env.OTLP_ENDPOINT;
const memory = new InMemorySpanExporter();
const memoryProcessor = new SimpleSpanProcessor(memory);
const sdk = new NodeSDK({
  resourceDetectors: [envDetector, hostDetector, osDetector, processDetector],
  spanProcessors: [
    new BatchSpanProcessor(new OTLPTraceExporter({ url: base + '/v1/traces' }), { scheduledDelayMillis: 100 }),
    memoryProcessor,
  ],
  metricReader: new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter({ url: base + '/v1/metrics' }),
    exportIntervalMillis: 60000,
  }),
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: base + '/v1/logs' }) })],
});

function nanos(hr) {
  return (BigInt(hr[0]) * 1000000000n + BigInt(hr[1])).toString();
}

async function main() {
  sdk.start();
  const tracer = trace.getTracer('node-test', '1.2.3');
  const parent = tracer.startSpan('GET /orders', {
    kind: SpanKind.SERVER,
    attributes: {
      'http.method': 'GET', 'http.status_code': 200, 'ratio': 0.25, 'cached': true,
      'tags': ['a', 'b'], 'ids': [1, 2, 3],
    },
  });
  parent.addEvent('cache miss', { 'cache.key': 'orders:42', 'attempt': 2 });
  const ctx = trace.setSpan(context.active(), parent);
  const child = tracer.startSpan('SELECT orders', {
    kind: SpanKind.CLIENT,
    attributes: { 'db.system': 'postgresql' },
    links: [{ context: parent.spanContext(), attributes: { 'link.kind': 'cause' } }],
  }, ctx);
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'deadlock detected' });
  child.end();
  parent.end();

  const meter = metrics.getMeter('node-test', '1.2.3');
  meter.createCounter('node.requests', { unit: '{request}', description: 'requests served' }).add(5, { route: '/orders' });
  const hist = meter.createHistogram('node.latency', { unit: 'ms', description: 'request latency' });
  [3, 7, 120].forEach((v) => hist.record(v, { route: '/orders' }));

  logs.getLogger('node-test', '1.2.3').emit({
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: 'order 42 is late',
    attributes: { 'order.id': 42, 'late': true },
  });

  // The in-memory exporter forgets its spans at shutdown: take them first (SimpleSpanProcessor
  // exports asynchronously, so wait for it).
  await memoryProcessor.forceFlush();
  const finished = memory.getFinishedSpans().slice();
  await sdk.shutdown();

  const spans = finished.map((s) => ({
    traceId: s.spanContext().traceId,
    spanId: s.spanContext().spanId,
    parentSpanId: s.parentSpanContext ? s.parentSpanContext.spanId : '',
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: nanos(s.startTime),
    endTimeUnixNano: nanos(s.endTime),
    attributes: s.attributes,
    events: s.events.map((e) => ({ name: e.name, timeUnixNano: nanos(e.time), attributes: e.attributes })),
    links: s.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId, attributes: l.attributes })),
    status: s.status,
    resource: s.resource.attributes,
    scope: { name: s.instrumentationScope.name, version: s.instrumentationScope.version },
  }));
  fs.writeFileSync(process.env.EXPECTED_OUT, JSON.stringify({ spans }, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
