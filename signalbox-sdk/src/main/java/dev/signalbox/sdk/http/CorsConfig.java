package dev.signalbox.sdk.http;

import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.Problems;
import java.util.List;

/**
 * The {@code cors} block of an HTTP server, the Collector's {@code confighttp.CORSConfig}: lets
 * browsers on other origins send requests. Without {@code allowed_origins} CORS stays off.
 *
 * <pre>{@code
 * cors:
 *   allowed_origins: ["https://*.example.com", "http://localhost:3000"]
 *   allowed_headers: ["X-Tenant-ID"]
 *   max_age: 7200
 * }</pre>
 *
 * @param allowedOrigins {@code allowed_origins}: origins allowed to send requests; one {@code *}
 *     per entry stands for any characters ({@code https://*.example.com}), {@code *} alone for any
 *     origin
 * @param allowedHeaders {@code allowed_headers}: request headers allowed besides the always-allowed
 *     {@code Accept}, {@code Accept-Language}, {@code Content-Type}, {@code Content-Language};
 *     {@code X-Requested-With} too when the list is empty; {@code *} allows any
 * @param exposedHeaders {@code exposed_headers}: response headers browsers may read
 * @param maxAge {@code max_age}: seconds browsers may cache a preflight answer (0: not sent)
 */
public record CorsConfig(List<String> allowedOrigins, List<String> allowedHeaders, List<String> exposedHeaders,
    int maxAge) implements ConfigBlock {

  public CorsConfig {
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    allowedHeaders = allowedHeaders == null ? List.of() : List.copyOf(allowedHeaders);
    exposedHeaders = exposedHeaders == null ? List.of() : List.copyOf(exposedHeaders);
  }

  /** The Collector's defaults: nothing allowed. */
  public static CorsConfig defaults() {
    return new CorsConfig(List.of(), List.of(), List.of(), 0);
  }

  /** Allows the given origins, nothing else changed. */
  public static CorsConfig allowing(String... origins) {
    return new CorsConfig(List.of(origins), List.of(), List.of(), 0);
  }

  @Override
  public void validate(Problems problems) {
    for (int i = 0; i < allowedOrigins.size(); i++) {
      String o = allowedOrigins.get(i);
      if (o.isBlank()) {
        problems.at("allowed_origins").at(i).error("must not be empty");
      } else if (o.indexOf('*') != o.lastIndexOf('*')) {
        problems.at("allowed_origins").at(i).error("at most one '*' wildcard per origin: \"" + o + "\"");
      }
    }
    if (maxAge < 0) {
      problems.error("max_age", "must not be negative");
    }
  }
}
