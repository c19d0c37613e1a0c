package dev.signalbox.receiver.zipkin;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Squash;
import dev.signalbox.sdk.http.HttpServerConfig;

/**
 * Config of the {@code zipkin} receiver: the Collector's zipkinreceiver keys and defaults, the HTTP
 * server keys at the top level ({@code endpoint}, {@code tls}, {@code cors},
 * {@code max_request_body_size}, {@code include_metadata}, ...) plus {@code parse_string_tags}.
 *
 * <pre>{@code
 * receivers:
 *   zipkin:
 *     endpoint: localhost:9411
 *     parse_string_tags: false
 * }</pre>
 *
 * @param server the HTTP server keys; {@code endpoint} defaults to {@code localhost:9411}
 * @param parseStringTags {@code parse_string_tags}: turn tags that look like integers, decimals or
 *     booleans into attributes of those types (default false: every tag is a string attribute)
 */
public record ZipkinReceiverConfig(@Squash HttpServerConfig server, boolean parseStringTags)
    implements ComponentConfig {

  public static final String DEFAULT_ENDPOINT = "localhost:9411";

  public static ZipkinReceiverConfig defaults() {
    return new ZipkinReceiverConfig(HttpServerConfig.defaults(DEFAULT_ENDPOINT), false);
  }

  public ZipkinReceiverConfig withServer(HttpServerConfig v) {
    return new ZipkinReceiverConfig(v, parseStringTags);
  }

  public ZipkinReceiverConfig withParseStringTags(boolean v) {
    return new ZipkinReceiverConfig(server, v);
  }
}
