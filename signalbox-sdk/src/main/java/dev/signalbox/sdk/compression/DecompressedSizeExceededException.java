package dev.signalbox.sdk.compression;

import java.io.IOException;

/**
 * A body grew past the allowed size while being decompressed (or its declared decompressed size is
 * larger). Servers answer it with HTTP 413 / gRPC RESOURCE_EXHAUSTED.
 */
public final class DecompressedSizeExceededException extends IOException {
  private final long limit;

  public DecompressedSizeExceededException(long limit) {
    super("decompressed size exceeds " + limit + " bytes");
    this.limit = limit;
  }

  /** The limit in bytes that was exceeded. */
  public long limit() {
    return limit;
  }
}
