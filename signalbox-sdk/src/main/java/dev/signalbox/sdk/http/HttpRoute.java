package dev.signalbox.sdk.http;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A route: an exact path and the methods it accepts. A request to the path with another method
 * gets 405 with an {@code Allow} header; a request to no route's path gets 404.
 *
 * @param path exact path, starting with {@code /}
 * @param methods accepted methods, upper case
 * @param handler what answers
 * @param errors how the server words the errors it answers for this route
 */
public record HttpRoute(String path, Set<String> methods, HttpHandler handler, HttpErrorBodies errors) {

  public HttpRoute {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
    if (errors == null) {
      errors = HttpErrorBodies.TEXT;
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("a route needs at least one method: " + path);
    }
    var m = new LinkedHashSet<String>();
    for (String s : methods) {
      if (!HttpTokens.isToken(s)) {
        throw new IllegalArgumentException("invalid method \"" + s + "\"");
      }
      m.add(s.toUpperCase(Locale.ROOT));
    }
    methods = java.util.Collections.unmodifiableSet(m);
  }

  public HttpRoute(String path, Set<String> methods, HttpHandler handler) {
    this(path, methods, handler, HttpErrorBodies.TEXT);
  }

  /** This route with its errors worded by {@code bodies}. */
  public HttpRoute withErrors(HttpErrorBodies bodies) {
    return new HttpRoute(path, methods, handler, bodies);
  }

  public static HttpRoute of(String path, HttpHandler handler, String... methods) {
    return new HttpRoute(path, new LinkedHashSet<>(Arrays.asList(methods)), handler);
  }

  public static HttpRoute post(String path, HttpHandler handler) {
    return of(path, handler, "POST");
  }

  public static HttpRoute get(String path, HttpHandler handler) {
    return of(path, handler, "GET");
  }
}
