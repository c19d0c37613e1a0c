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

  @Override
  ResourceLogs splitOff(ResourceLogs r, int n) {
    ResourceLogs out = new ResourceLogs();
    out.resource().copyFrom(r.resource());
    out.setSchemaUrl(r.schemaUrl());
    int left = n;
    ElementList<ScopeLogs> scopes = r.scopeLogs();
    while (left > 0) {
      ScopeLogs sl = scopes.get(0);
      int k = sl.logRecords().size();
      if (k <= left) {
        scopes.remove(0);
        out.scopeLogs().add(sl);
        left -= k;
      } else {
        ScopeLogs part = out.scopeLogs().addNew();
        part.scope().copyFrom(sl.scope());
        part.setSchemaUrl(sl.schemaUrl());
        sl.logRecords().moveFirstTo(left, part.logRecords());
        left = 0;
      }
    }
    return out;
  }
}
