package dev.signalbox.sdk.http;

import dev.signalbox.component.Context;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as a handler sees it: fully read, size-checked and decompressed.
 *
 * @param method the method in upper case ({@code POST})
 * @param path the decoded path without the query ({@code /v1/traces})
 * @param query the raw query string without {@code ?}; empty if none
 * @param headers every header, names case-insensitive ({@code headers.get("content-type")} works)
 * @param body the decompressed body; the handler owns the array and may keep or modify it
 * @param context client metadata (the headers when {@code include_metadata} is on) and transport
 *     {@code http}
 * @param remoteAddress the client's address
 */
public record HttpRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
    Context context, InetSocketAddress remoteAddress) {

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /**
   * The media type of {@code Content-Type} in lower case without parameters
   * ({@code application/x-protobuf}), or empty.
   */
  public String mediaType() {
    String ct = header("content-type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
  }

  /** The query parameters, decoded. */
  public Map<String, List<String>> queryParameters() {
    return new QueryStringDecoder(query, false).parameters();
  }

  @Override
  public String toString() {
    return "HttpRequest{" + method + " " + path + ", " + body.length + " bytes}";
  }
}
