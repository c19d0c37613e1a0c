package dev.signalbox.sdk.exporterhelper;

import dev.signalbox.component.Deadline;
import dev.signalbox.pdata.Telemetry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The in-memory {@link SendingQueue}: a FIFO bounded by the configured sizer and by bytes, one lock,
 * conditions for takers, blocked offerers and shutdown. Space is held from offer to done.
 */
final class MemoryQueue<T extends Telemetry> implements SendingQueue<T> {
  private final QueueConfig.Sizer sizer;
  private final long capacity;
  private final long byteCapacity;
  private final boolean blockOnOverflow;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition hasRequests = lock.newCondition();
  private final Condition hasSpace = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private final ArrayDeque<ExportRequest<T>> queued = new ArrayDeque<>();
  private long used;
  private long usedBytes;
  private int held;
  private boolean closed;

  MemoryQueue(QueueConfig config) {
    this.sizer = config.sizer();
    this.capacity = config.queueSize();
    this.byteCapacity = config.effectiveMaxBytes();
    this.blockOnOverflow = config.blockOnOverflow();
  }

  @Override
  public OfferResult offer(ExportRequest<T> request, Deadline patience) throws InterruptedException {
    long size = request.size(sizer);
    long bytes = request.bytes();
    if (size > capacity || bytes > byteCapacity) {
      return OfferResult.TOO_LARGE;
    }
    lock.lock();
    try {
      while (true) {
        if (closed) {
          return OfferResult.CLOSED;
        }
        OfferResult fit = used + size > capacity ? OfferResult.FULL
            : usedBytes + bytes > byteCapacity ? OfferResult.FULL_BYTES
            : OfferResult.ACCEPTED;
        if (fit == OfferResult.ACCEPTED) {
          break;
        }
        if (!blockOnOverflow) {
          return fit;
        }
        if (patience == null) {
          hasSpace.await();
        } else {
          long left = patience.remaining().toNanos();
          if (left <= 0) {
            return fit;
          }
          hasSpace.awaitNanos(left);
        }
      }
      used += size;
      usedBytes += bytes;
      held++;
      queued.addLast(request);
      hasRequests.signal();
      return OfferResult.ACCEPTED;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ExportRequest<T> take() throws InterruptedException {
    lock.lock();
    try {
      while (queued.isEmpty()) {
        if (closed) {
          return null;
        }
        hasRequests.await();
      }
      return queued.removeFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ExportRequest<T> poll(Deadline until) throws InterruptedException {
    lock.lock();
    try {
      while (queued.isEmpty()) {
        long left = until.remaining().toNanos();
        if (closed || left <= 0) {
          return null;
        }
        hasRequests.awaitNanos(left);
      }
      return queued.removeFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void done(ExportRequest<T> request, boolean finished) {
    lock.lock();
    try {
      release(request);
    } finally {
      lock.unlock();
    }
  }

  private void release(ExportRequest<T> request) {
    used -= request.size(sizer);
    usedBytes -= request.bytes();
    held--;
    hasSpace.signalAll();
    if (held == 0) {
      drained.signalAll();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      hasRequests.signalAll();
      hasSpace.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean awaitDrained(Deadline deadline) throws InterruptedException {
    lock.lock();
    try {
      while (held > 0) {
        long left = deadline.remaining().toNanos();
        if (left <= 0) {
          return false;
        }
        drained.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ExportRequest<T>> abandon() {
    lock.lock();
    try {
      List<ExportRequest<T>> left = new ArrayList<>(queued);
      queued.clear();
      for (ExportRequest<T> r : left) {
        release(r);
      }
      return left;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean keepsUnfinished() {
    return false;
  }

  @Override
  public long size() {
    lock.lock();
    try {
      return used;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long capacity() {
    return capacity;
  }

  @Override
  public long bytes() {
    lock.lock();
    try {
      return usedBytes;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long byteCapacity() {
    return byteCapacity;
  }
}
