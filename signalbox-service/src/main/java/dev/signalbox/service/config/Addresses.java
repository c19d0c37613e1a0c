package dev.signalbox.service.config;

import java.util.Locale;

/**
 * {@code host:port} listen addresses and whether two of them would fight over one port. A wildcard
 * host ({@code 0.0.0.0}, {@code ::}, empty) conflicts with every host on the same port;
 * {@code localhost} conflicts with every loopback address; port 0 (pick a free port) never conflicts.
 */
final class Addresses {
  private Addresses() {}

  record HostPort(String host, int port) {
    @Override
    public String toString() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /** Parses {@code host:port} or {@code [v6]:port}; null when {@code address} is not one. */
  static HostPort parse(String address) {
    String s = address.strip();
    String host;
    String port;
    if (s.startsWith("[")) {
      int close = s.indexOf("]:");
      if (close < 0) {
        return null;
      }
      host = s.substring(1, close);
      port = s.substring(close + 2);
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0 || s.indexOf(':') != colon) {
        return null;
      }
      host = s.substring(0, colon);
      port = s.substring(colon + 1);
    }
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    int p = Integer.parseInt(port);
    return p > 65535 ? null : new HostPort(host.toLowerCase(Locale.ROOT), p);
  }

  static boolean conflict(HostPort a, HostPort b) {
    if (a.port() != b.port() || a.port() == 0) {
      return false;
    }
    if (isWildcard(a.host()) || isWildcard(b.host()) || a.host().equals(b.host())) {
      return true;
    }
    return (a.host().equals("localhost") && isLoopback(b.host())) || (b.host().equals("localhost") && isLoopback(a.host()));
  }

  private static boolean isWildcard(String host) {
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("*");
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
