package dev.signalbox.sdk.prometheus.scrape;

import dev.signalbox.pdata.Resource;
import java.net.InetAddress;

/**
 * The resource of a Prometheus target, as the Collector's {@code CreateResource} builds it:
 * {@code service.name} = job, {@code service.instance.id} = instance, {@code server.address} = the
 * instance's host unless it is loopback, unspecified or {@code localhost}, {@code server.port} =
 * its port, {@code url.scheme} = the scrape scheme (the Collector's legacy {@code net.host.*} and
 * {@code http.scheme} attributes are off by default there, and absent here).
 */
public final class TargetResource {
  private TargetResource() {}

  /**
   * Fills {@code resource} for a target.
   *
   * @param scheme the scrape scheme, or "" when unknown (remote write): then no {@code url.scheme}
   */
  public static void fill(Resource resource, String job, String instance, String scheme) {
    String host = instance;
    String port = "";
    int colon = instance.lastIndexOf(':');
    if (colon > 0 && (instance.indexOf(':') == colon || instance.startsWith("["))) {
      host = instance.substring(0, colon);
      port = instance.substring(colon + 1);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
    }
    var attrs = resource.attributes();
    attrs.put("service.name", job);
    if (isDiscernibleHost(host)) {
      attrs.put("server.address", host);
    }
    attrs.put("service.instance.id", instance);
    attrs.put("server.port", port);
    if (!scheme.isEmpty()) {
      attrs.put("url.scheme", scheme);
    }
  }

  /** False for loopback and unspecified addresses and {@code localhost}, whose names say nothing. */
  static boolean isDiscernibleHost(String host) {
    if (host.isEmpty() || host.equals("localhost")) {
      return false;
    }
    if (host.indexOf(':') >= 0) {
      try {
        // an IPv6 literal: getByName parses it without any lookup
        InetAddress a = InetAddress.getByName(host);
        return !a.isLoopbackAddress() && !a.isAnyLocalAddress();
      } catch (java.net.UnknownHostException e) {
        return true;
      }
    }
    String[] parts = host.split("\\.", -1);
    if (parts.length == 4 && host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9')) {
      boolean allZero = true;
      for (String p : parts) {
        if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
          return true;
        }
        allZero &= Integer.parseInt(p) == 0;
      }
      return !parts[0].equals("127") && !allZero;
    }
    return true;
  }
}
