package dev.signalbox.pdata;

/** A batch of log records: {@code ExportLogsServiceRequest}. */
public final class Logs extends ResourceBatch<ResourceLogs, Logs> {

  public Logs() {
    super(ResourceLogs::new);
  }

  public static Logs fromWire(WireChunk chunk, WireDecoder<Logs> decoder) {
    Logs l = new Logs();
    l.initWire(chunk, decoder);
    return l;
  }

  @Override
  public Signal<Logs> signal() {
    return Signal.LOGS;
  }

  public ElementList<ResourceLogs> resourceLogs() {
    return resources();
  }

  @Override
  Logs self() {
    return this;
  }

  @Override
  Logs newEmpty() {
    return new Logs();
  }

  @Override
  int countItems(ResourceLogs rl) {
    int n = 0;
    for (ScopeLogs sl : rl.scopeLogs()) {
      n += sl.logRecords().size();
    }
    return n;
  }

  @Override
  ResourceLogs copyResource(ResourceLogs r) {
    return r.copy();
  }
}
