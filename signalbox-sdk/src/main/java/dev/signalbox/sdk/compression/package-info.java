/**
 * Body compression shared by the HTTP and gRPC servers and clients: the supported encodings
 * ({@link dev.signalbox.sdk.compression.Compression}), decompression that stops at a byte limit
 * ({@link dev.signalbox.sdk.compression.Decompression}, the defence against decompression bombs),
 * and compressors with levels chosen for a small agent ({@link dev.signalbox.sdk.compression.Compressors}:
 * gzip and zlib at level 1, zstd at level 1).
 */
package dev.signalbox.sdk.compression;
