package dev.signalbox.sdk.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A {@code host:port} listen or dial address, written as the Collector (Go's {@code net} package)
 * writes it: {@code localhost:4317}, {@code 0.0.0.0:4318}, {@code [::1]:4317}, and {@code :4317}
 * for all interfaces. Port 0 asks the OS for a free port (servers then report the bound port).
 *
 * @param host the host name or IP literal without brackets; empty for all interfaces
 * @param port 0..65535
 */
public record Endpoint(String host, int port) {

  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range 0..65535: " + port);
    }
  }

  /**
   * Parses {@code host:port}. Throws {@link IllegalArgumentException} with a message saying what is
   * wrong and what is expected, fit to follow a config key ({@code endpoint: missing port ...}).
   */
  public static Endpoint parse(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("address is empty; expected host:port, e.g. localhost:4317");
    }
    String s = address.strip();
    if (s.contains("://")) {
      throw new IllegalArgumentException("invalid address \"" + s
          + "\": expected host:port without a scheme, e.g. localhost:4317");
    }
    String host;
    String portText;
    if (s.startsWith("[")) {
      int close = s.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("invalid address \"" + s + "\": missing ']' in IPv6 address");
      }
      host = s.substring(1, close);
      String rest = s.substring(close + 1);
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("invalid address \"" + s + "\": missing port, expected [" + host + "]:port");
      }
      if (rest.charAt(0) != ':') {
        throw new IllegalArgumentException("invalid address \"" + s + "\": unexpected \"" + rest + "\" after ']'");
      }
      portText = rest.substring(1);
      if (host.isEmpty() || !host.contains(":")) {
        throw new IllegalArgumentException("invalid address \"" + s + "\": brackets are only for IPv6 literals");
      }
    } else {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("invalid address \"" + s + "\": missing port, expected host:port, e.g. "
            + s + ":4317");
      }
      host = s.substring(0, colon);
      portText = s.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        throw new IllegalArgumentException("invalid address \"" + s
            + "\": too many colons; write an IPv6 address in brackets, e.g. [::1]:4317");
      }
    }
    if (portText.isEmpty()) {
      throw new IllegalArgumentException("invalid address \"" + s + "\": missing port after ':'");
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid address \"" + s + "\": invalid port \"" + portText + "\"");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("invalid address \"" + s + "\": port " + port + " out of range 0..65535");
    }
    if (host.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '[' || c == ']')) {
      throw new IllegalArgumentException("invalid address \"" + s + "\": invalid host \"" + host + "\"");
    }
    return new Endpoint(host, port);
  }

  /** True when the host is empty or a wildcard address ({@code 0.0.0.0}, {@code ::}). */
  public boolean isWildcard() {
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::");
  }

  /**
   * The socket address to bind or connect to; an empty host is the wildcard address. Resolves the
   * host name (may block on DNS).
   */
  public InetSocketAddress toSocketAddress() {
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  /** {@code host:port}, IPv6 literals in brackets, as {@link #parse} reads it. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
