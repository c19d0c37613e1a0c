package dev.signalbox.sdk.prometheus.scrape;

import java.util.Locale;

/** The two exposition formats a scrape may return, chosen by the response's {@code Content-Type}. */
public enum ExpositionFormat {
  /** The text format 0.0.4 ({@code text/plain; version=0.0.4}). */
  TEXT,
  /** OpenMetrics 1.0 ({@code application/openmetrics-text; version=1.0.0}). */
  OPENMETRICS;

  /**
   * The {@code Accept} header Prometheus 2.42 sends: OpenMetrics preferred, then the text format,
   * then anything.
   */
  public static final String ACCEPT_HEADER = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  /**
   * The format of a response with this {@code Content-Type}: OpenMetrics for
   * {@code application/openmetrics-text}, the text format for anything else (as Prometheus does,
   * which falls back to it for unknown or missing types).
   */
  public static ExpositionFormat forContentType(String contentType) {
    if (contentType == null) {
      return TEXT;
    }
    int semi = contentType.indexOf(';');
    String media = (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    return media.equals("application/openmetrics-text") ? OPENMETRICS : TEXT;
  }
}
