package dev.signalbox.service.config;

/**
 * Where a config value was written: the source it came from and its 1-based line and column. A
 * location with line 0 names the whole source (a file that could not be read, for example).
 *
 * @param sourceIndex position of the source in the {@code --config} list, for sorting problems in
 *     the order the user gave the sources
 * @param source the source's name: a file path, {@code env:VAR} or {@code yaml[N]}
 */
record Location(int sourceIndex, String source, int line, int column) implements Comparable<Location> {

  static Location ofSource(int sourceIndex, String source) {
    return new Location(sourceIndex, source, 0, 0);
  }

  @Override
  public int compareTo(Location o) {
    int c = Integer.compare(sourceIndex, o.sourceIndex);
    if (c == 0) {
      c = Integer.compare(line, o.line);
    }
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return line == 0 ? source : source + ":" + line + ":" + column;
  }
}
