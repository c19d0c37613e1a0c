package dev.signalbox.pdata;

/** Log records of one instrumentation scope. */
public final class ScopeLogs extends Element {
  private final InstrumentationScope scope = new InstrumentationScope();
  private final ElementList<LogRecord> logRecords = new ElementList<>(this, LogRecord::new);
  private String schemaUrl = "";

  public InstrumentationScope scope() {
    return scope;
  }

  public ElementList<LogRecord> logRecords() {
    return logRecords;
  }

  public String schemaUrl() {
    return schemaUrl;
  }

  public ScopeLogs setSchemaUrl(String schemaUrl) {
    checkMutable();
    this.schemaUrl = java.util.Objects.requireNonNull(schemaUrl, "schemaUrl");
    return this;
  }

  @Override
  void adopt(Guard g) {
    guard = g;
    scope.guard = g;
    logRecords.adoptAll(g);
  }

  public ScopeLogs copy() {
    ScopeLogs c = new ScopeLogs();
    c.scope.copyFrom(scope);
    c.schemaUrl = schemaUrl;
    c.logRecords.ensureCapacity(logRecords.size());
    for (LogRecord s : logRecords) {
      c.logRecords.add(s.copy());
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScopeLogs s
        && scope.equals(s.scope)
        && schemaUrl.equals(s.schemaUrl)
        && logRecords.equals(s.logRecords);
  }

  @Override
  public int hashCode() {
    return scope.hashCode() * 31 + logRecords.hashCode();
  }

  @Override
  public String toString() {
    return "ScopeLogs{" + scope + ", " + logRecords + "}";
  }
}
