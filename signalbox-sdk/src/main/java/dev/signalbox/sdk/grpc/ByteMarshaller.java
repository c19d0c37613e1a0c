package dev.signalbox.sdk.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Messages as raw bytes: what is sent is the array itself (drained without a copy), what is
 * received is a new array the handler owns.
 */
public enum ByteMarshaller implements MethodDescriptor.Marshaller<byte[]> {
  INSTANCE;

  @Override
  public InputStream stream(byte[] value) {
    return new BytesStream(value);
  }

  @Override
  public byte[] parse(InputStream stream) {
    try {
      if (stream instanceof KnownLength) {
        // grpc-java's uncompressed message streams know their exact length: no regrowth, no copy
        int n = stream.available();
        byte[] out = stream.readNBytes(n);
        if (stream.read() >= 0) {
          throw new IOException("message longer than its announced length of " + n + " bytes");
        }
        return out;
      }
      return stream.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A byte array stream grpc-java can size and drain directly. */
  private static final class BytesStream extends ByteArrayInputStream implements KnownLength, Drainable {
    BytesStream(byte[] buf) {
      super(buf);
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = count - pos;
      target.write(buf, pos, n);
      pos = count;
      return n;
    }
  }
}
