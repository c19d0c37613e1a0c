/**
 * The OTLP codecs: {@link dev.signalbox.sdk.otlp.OtlpProtoCodec} (protobuf, wire-backed decoding
 * after a structural scan) and {@link dev.signalbox.sdk.otlp.OtlpJsonCodec} (OTLP/JSON on
 * jackson-core), both behind {@link dev.signalbox.sdk.otlp.OtlpCodec}; and
 * {@link dev.signalbox.sdk.otlp.PartialSuccess} for {@code Export*ServiceResponse}. Codec objects
 * are stateless singletons, safe to share between threads.
 */
package dev.signalbox.sdk.otlp;
