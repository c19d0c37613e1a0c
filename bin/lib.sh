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
  JAVA_HOME="$SIGNALBOX_JAVA_HOME" mvn -B "$@"
}
