package dev.signalbox.sdk.grpc;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Request messages given as a list of buffers whose concatenation is the message (the chunks of a
 * wire-backed batch, say): grpc-java drains them one after the other into its frames (or its
 * compressor), so the message is never assembled into one array first. The buffers are only read,
 * through duplicates: their positions do not move. Sending only; {@link #parse} is unsupported.
 */
enum BuffersMarshaller implements MethodDescriptor.Marshaller<List<ByteBuffer>> {
  INSTANCE;

  @Override
  public InputStream stream(List<ByteBuffer> value) {
    return new BuffersStream(value);
  }

  @Override
  public List<ByteBuffer> parse(InputStream stream) {
    throw new UnsupportedOperationException("buffer lists are for requests we send");
  }

  /** The buffers as one stream of known length that grpc-java can drain without copying first. */
  static final class BuffersStream extends InputStream implements KnownLength, Drainable {
    private final ByteBuffer[] buffers;
    private int index;
    private long remaining;

    BuffersStream(List<ByteBuffer> list) {
      buffers = new ByteBuffer[list.size()];
      long total = 0;
      for (int i = 0; i < buffers.length; i++) {
        buffers[i] = list.get(i).duplicate();
        total += buffers[i].remaining();
      }
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a gRPC message of " + total + " bytes is too large");
      }
      remaining = total;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int n = (int) remaining;
      for (; index < buffers.length; index++) {
        ByteBuffer b = buffers[index];
        if (b.hasArray()) {
          target.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
          b.position(b.limit());
        } else {
          byte[] tmp = new byte[Math.min(b.remaining(), 64 * 1024)];
          while (b.hasRemaining()) {
            int k = Math.min(tmp.length, b.remaining());
            b.get(tmp, 0, k);
            target.write(tmp, 0, k);
          }
        }
      }
      remaining = 0;
      return n;
    }

    @Override
    public int available() {
      return (int) remaining;
    }

    @Override
    public int read() {
      while (index < buffers.length) {
        ByteBuffer b = buffers[index];
        if (b.hasRemaining()) {
          remaining--;
          return b.get() & 0xFF;
        }
        index++;
      }
      return -1;
    }

    @Override
    public int read(byte[] dst, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int read = 0;
      while (read < len && index < buffers.length) {
        ByteBuffer b = buffers[index];
        if (!b.hasRemaining()) {
          index++;
          continue;
        }
        int k = Math.min(len - read, b.remaining());
        b.get(dst, off + read, k);
        read += k;
      }
      remaining -= read;
      return read == 0 ? -1 : read;
    }
  }
}
