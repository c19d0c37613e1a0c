/**
 * A small protobuf runtime of our own, for the OTLP codecs and later Prometheus remote write,
 * Zipkin proto and Loki push: {@link dev.signalbox.sdk.proto.ProtoWriter} (back-to-front, one pass,
 * canonical proto3) and {@link dev.signalbox.sdk.proto.ProtoReader} (bounds-checked, path-aware
 * errors, groups rejected). No protobuf-java in main code; generated classes are test oracles only.
 * Malformed input is reported as the checked {@link dev.signalbox.sdk.proto.MalformedDataException}.
 */
package dev.signalbox.sdk.proto;
