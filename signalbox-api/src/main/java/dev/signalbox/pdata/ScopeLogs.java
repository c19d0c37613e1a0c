package dev.signalbox.pdata;

/** Log records of one instrumentation scope. */
public final class ScopeLogs extends ScopeEntry<LogRecord, ScopeLogs> {
  public ScopeLogs() {
    super(LogRecord::new);
  }

  public ElementList<LogRecord> logRecords() {
    return items();
  }

  @Override
  ScopeLogs newEmpty() {
    return new ScopeLogs();
  }

  @Override
  LogRecord copyItem(LogRecord item) {
    return item.copy();
  }
}
