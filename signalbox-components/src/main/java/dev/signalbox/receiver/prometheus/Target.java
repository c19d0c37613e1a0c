package dev.signalbox.receiver.prometheus;

import dev.signalbox.sdk.prometheus.scrape.Labels;
import java.net.URI;
import java.time.Duration;

/**
 * One target to scrape, after target relabeling.
 *
 * @param labels the target's own labels (no {@code __} labels): at least {@code job} and
 *     {@code instance}; added to every series scraped from it
 * @param url what is fetched: scheme, address, metrics path and params
 */
record Target(String job, String instance, String scheme, Labels labels, URI url, Duration interval,
    Duration timeout) {

  /** "job=node instance=127.0.0.1:9100" for log lines. */
  String describe() {
    return "job=" + job + " instance=" + instance;
  }
}
