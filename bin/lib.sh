# Shared by bin/signalbox and bin/test. Sourced, not run.

# Prints the path of a java executable of version 21 or newer: JAVA_HOME first, then the java on
# PATH, then the JDKs installed in /usr/lib/jvm (newest first). Fails with a message otherwise.
find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  local d
  for d in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidates+=("${d%/}/bin/java")
  done
  local j v
  for j in "${candidates[@]}"; do
    [ -x "$j" ] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')
    case "$v" in
      ''|1.*) continue ;;
    esac
    if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$j"
      return 0
    fi
  done
  echo "signalbox: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. a Temurin 21+ JDK, or set JAVA_HOME." >&2
  return 1
}

# JAVA_HOME of a java executable path.
java_home_of() {
  dirname "$(dirname "$(readlink -f "$1")")"
}

# Runs Maven with the JDK we found; -B for plain logs.
run_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    echo "signalbox: Maven (mvn) is not installed; on Debian: apt-get install -y maven" >&2
    return 1
  fi
  local opts="${MAVEN_OPTS:-}"
  # Maven's own Guava uses sun.misc.Unsafe; JDK 24+ warns about it on every build.
  if "$SIGNALBOX_JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -version >/dev/null 2>&1; then
    opts="$opts --sun-misc-unsafe-memory-access=allow"
  fi
  JAVA_HOME="$SIGNALBOX_JAVA_HOME" MAVEN_OPTS="$opts" mvn -B "$@"
}

# Prints the JVM options Signalbox runs with, one per line, for the java executable $1: the single
# definition used by bin/signalbox and by the benchmark harness (bin/bench), so that measurements
# reflect what users get. SIGNALBOX_HEAP (max heap, default 256m) and SIGNALBOX_JAVA_OPTS (extra
# options, split on spaces, appended last so they win) apply here. Why each option is there, with
# measurements: docs/benchmarks.md, "JVM options".
# A young generation of fixed size and a heap that shrinks when it is mostly free keep RSS close
# to what is live (measured in OverloadIT, docs/reliability.md); -Xms48m so that the fixed young
# generation fits the initial heap.
signalbox_jvm_opts() {
  local java_bin="$1"
  printf '%s\n' \
    -XX:+UseSerialGC \
    "-Xmx${SIGNALBOX_HEAP:-256m}" \
    -Xms48m \
    -Xmn32m \
    -XX:MinHeapFreeRatio=10 \
    -XX:MaxHeapFreeRatio=30 \
    -Xss512k \
    -XX:MaxMetaspaceSize=128m \
    -XX:ReservedCodeCacheSize=64m \
    -XX:MaxDirectMemorySize=64m \
    -XX:+ExitOnOutOfMemoryError \
    -XX:-UsePerfData \
    -Djava.net.preferIPv4Stack=true \
    -Dio.netty.allocator.numDirectArenas=1 \
    -Dio.netty.allocator.numHeapArenas=1
  local major
  major="$("$java_bin" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  if [ "${major%%.*}" -ge 24 ]; then
    printf '%s\n' --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED
  fi
  local o
  # shellcheck disable=SC2086
  for o in ${SIGNALBOX_JAVA_OPTS:-}; do
    printf '%s\n' "$o"
  done
}
