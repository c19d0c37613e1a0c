package dev.signalbox.sdk.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CORS as the Collector applies it (github.com/rs/cors with credentials allowed): preflight answers
 * and headers on actual requests. Immutable.
 */
final class Cors {
  private static final Set<String> ALWAYS_ALLOWED =
      Set.of("accept", "accept-language", "content-type", "content-language", "origin");

  private final boolean anyOrigin;
  private final List<String> exactOrigins = new ArrayList<>();
  private final List<String[]> wildcardOrigins = new ArrayList<>();
  private final boolean anyHeader;
  private final Set<String> allowedHeaders = new HashSet<>();
  private final String exposedHeaders;
  private final int maxAge;

  Cors(CorsConfig c) {
    boolean any = false;
    for (String o : c.allowedOrigins()) {
      String lo = o.strip().toLowerCase(Locale.ROOT);
      if (lo.equals("*")) {
        any = true;
      } else if (lo.contains("*")) {
        int star = lo.indexOf('*');
        wildcardOrigins.add(new String[] {lo.substring(0, star), lo.substring(star + 1)});
      } else {
        exactOrigins.add(lo);
      }
    }
    anyOrigin = any;
    allowedHeaders.addAll(ALWAYS_ALLOWED);
    if (c.allowedHeaders().isEmpty()) {
      allowedHeaders.add("x-requested-with");
    }
    boolean anyH = false;
    for (String h : c.allowedHeaders()) {
      if (h.strip().equals("*")) {
        anyH = true;
      }
      allowedHeaders.add(h.strip().toLowerCase(Locale.ROOT));
    }
    anyHeader = anyH;
    exposedHeaders = String.join(", ", c.exposedHeaders());
    maxAge = c.maxAge();
  }

  /** Null when the block is absent or allows no origin: CORS off. */
  static Cors of(CorsConfig c) {
    return c == null || c.allowedOrigins().isEmpty() ? null : new Cors(c);
  }

  boolean originAllowed(String origin) {
    if (origin == null || origin.isEmpty()) {
      return false;
    }
    if (anyOrigin) {
      return true;
    }
    String o = origin.toLowerCase(Locale.ROOT);
    if (exactOrigins.contains(o)) {
      return true;
    }
    for (String[] w : wildcardOrigins) {
      if (o.length() >= w[0].length() + w[1].length() && o.startsWith(w[0]) && o.endsWith(w[1])) {
        return true;
      }
    }
    return false;
  }

  /** The preflight answer: 204, with CORS headers only when origin, method and headers are allowed. */
  HttpResponse preflight(String origin, String requestMethod, String requestHeaders, Set<String> methods) {
    var h = new java.util.LinkedHashMap<String, String>();
    h.put("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    String method = requestMethod.strip().toUpperCase(Locale.ROOT);
    List<String> reqHeaders = parseList(requestHeaders);
    if (originAllowed(origin) && methods.contains(method) && headersAllowed(reqHeaders)) {
      h.put("Access-Control-Allow-Origin", origin);
      h.put("Access-Control-Allow-Methods", method);
      if (!reqHeaders.isEmpty()) {
        h.put("Access-Control-Allow-Headers", String.join(", ", reqHeaders));
      }
      h.put("Access-Control-Allow-Credentials", "true");
      if (maxAge > 0) {
        h.put("Access-Control-Max-Age", Integer.toString(maxAge));
      }
    }
    return new HttpResponse(204, h, new byte[0]);
  }

  /** Adds the headers of an actual (non-preflight) cross-origin request to {@code out}. */
  void addActualHeaders(String origin, String method, Set<String> methods, Map<String, String> out) {
    out.put("Vary", "Origin");
    if (!originAllowed(origin) || !methods.contains(method)) {
      return;
    }
    out.put("Access-Control-Allow-Origin", origin);
    out.put("Access-Control-Allow-Credentials", "true");
    if (!exposedHeaders.isEmpty()) {
      out.put("Access-Control-Expose-Headers", exposedHeaders);
    }
  }

  private boolean headersAllowed(List<String> headers) {
    if (anyHeader) {
      return true;
    }
    for (String h : headers) {
      if (!allowedHeaders.contains(h)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> parseList(String value) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    for (String s : value.split(",")) {
      String t = s.strip().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }
}
