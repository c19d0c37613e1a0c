package dev.signalbox.sdk.tls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Collector's TLS version names ({@code 1.0}..{@code 1.3}) and their JSSE protocol names. */
final class TlsVersions {
  static final String DEFAULT_MIN = "1.2";
  private static final List<String> ORDER = List.of("1.0", "1.1", "1.2", "1.3");
  private static final Map<String, String> JSSE =
      Map.of("1.0", "TLSv1", "1.1", "TLSv1.1", "1.2", "TLSv1.2", "1.3", "TLSv1.3");

  private TlsVersions() {}

  static boolean isKnown(String v) {
    return v.isEmpty() || JSSE.containsKey(v);
  }

  static String describe() {
    return "1.0, 1.1, 1.2 or 1.3";
  }

  /** JSSE protocol names from min to max inclusive; empty min means 1.2, empty max means 1.3. */
  static String[] protocols(String min, String max) {
    int lo = ORDER.indexOf(min.isEmpty() ? DEFAULT_MIN : min);
    int hi = max.isEmpty() ? ORDER.size() - 1 : ORDER.indexOf(max);
    if (lo < 0 || hi < 0) {
      throw new IllegalArgumentException("unsupported TLS version");
    }
    List<String> out = new ArrayList<>();
    for (int i = lo; i <= hi; i++) {
      out.add(JSSE.get(ORDER.get(i)));
    }
    return out.toArray(String[]::new);
  }

  /** True when min is above max (both set). */
  static boolean inverted(String min, String max) {
    if (max.isEmpty()) {
      return false;
    }
    return ORDER.indexOf(min.isEmpty() ? DEFAULT_MIN : min) > ORDER.indexOf(max);
  }
}
