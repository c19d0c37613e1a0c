package dev.signalbox.pdata;

/** Log records of one resource, grouped by instrumentation scope. */
public final class ResourceLogs extends ResourceEntry<ScopeLogs, ResourceLogs> {
  public ResourceLogs() {
    super(ScopeLogs::new);
  }

  public ElementList<ScopeLogs> scopeLogs() {
    return scopes();
  }

  @Override
  ResourceLogs newEmpty() {
    return new ResourceLogs();
  }
}
