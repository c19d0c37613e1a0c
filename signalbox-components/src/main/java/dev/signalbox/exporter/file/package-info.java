/**
 * The {@code file} exporter: writes what reaches it to {@code path}, one file for all signals, as
 * OTLP/JSON lines ({@code format: json}, one {@code Export*ServiceRequest} per line) or as
 * length-prefixed OTLP protobuf ({@code format: proto}, a 4-byte big-endian length before each
 * request). Rotation by size ({@code rotation.max_megabytes}) keeps {@code max_backups} old files
 * named {@code name-<timestamp>.ext}; {@code compression: gzip|zstd} compresses the whole file as
 * one stream. This is how users and tests see exactly what went through a pipeline.
 */
package dev.signalbox.exporter.file;
