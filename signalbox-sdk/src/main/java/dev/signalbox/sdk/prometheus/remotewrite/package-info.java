/**
 * Prometheus remote write 1.0: the {@code WriteRequest} model and its protobuf + snappy codec,
 * shared by the {@code prometheusremotewrite} exporter and receiver. Written from the field numbers
 * of the remote-write specification (there is no official Java artifact).
 */
package dev.signalbox.sdk.prometheus.remotewrite;
