package dev.signalbox.pdata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A batch of profiles, carried as opaque OTLP {@code ExportProfilesServiceRequest} bytes (the
 * profiles signal is still in development upstream). Each chunk is one whole request: requests
 * carry their own dictionary, so two are never concatenated, and exporters send them one by one.
 */
public final class Profiles extends Element implements Telemetry {
  private final List<WireChunk> requests = new ArrayList<>(1);

  public Profiles() {
    this.guard = new Guard();
  }

  public static Profiles of(WireChunk request) {
    Profiles p = new Profiles();
    p.requests.add(request);
    return p;
  }

  @Override
  public Signal<Profiles> signal() {
    return Signal.PROFILES;
  }

  /** The encoded requests, each sent on its own. */
  public List<WireChunk> requests() {
    return Collections.unmodifiableList(requests);
  }

  public void append(Profiles other) {
    checkMutable();
    other.checkMutable();
    requests.addAll(other.requests);
    other.requests.clear();
  }

  /**
   * Removes whole requests from the front while their profiles fit in {@code maxItems} (at least
   * one request, since a request cannot be split without decoding) and returns them.
   */
  public Profiles takeFirst(int maxItems) {
    checkMutable();
    Profiles out = new Profiles();
    int taken = 0;
    while (!requests.isEmpty() && (out.requests.isEmpty() || taken + requests.get(0).itemCount() <= maxItems)) {
      WireChunk c = requests.remove(0);
      taken += c.itemCount();
      out.requests.add(c);
    }
    return out;
  }

  @Override
  public int itemCount() {
    int n = 0;
    for (WireChunk c : requests) {
      n += c.itemCount();
    }
    return n;
  }

  @Override
  public void markReadOnly() {
    guard.readOnly = true;
  }


  @Override
  public Profiles copy() {
    Profiles p = new Profiles();
    p.requests.addAll(requests);
    return p;
  }

  @Override
  public long sizeHint() {
    long n = 0;
    for (WireChunk c : requests) {
      n += c.length();
    }
    return n;
  }

  @Override
  public boolean isWireBacked() {
    return true;
  }

  @Override
  void adopt(Guard g) {
    throw new UnsupportedOperationException("a batch is a root");
  }

  @Override
  public String toString() {
    return "Profiles{" + requests.size() + " requests, " + itemCount() + " profiles}";
  }
}
