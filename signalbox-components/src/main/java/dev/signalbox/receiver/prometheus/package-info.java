/**
 * The {@code prometheus} receiver: scrapes Prometheus targets configured in Prometheus' own syntax
 * under {@code config} ({@code global} and {@code scrape_configs}, as the Collector's receiver) and
 * turns every scrape into OTLP metrics, one resource per target.
 *
 * <h2>Keys</h2>
 * <ul>
 *   <li>{@code config.global}: {@code scrape_interval} (1m), {@code scrape_timeout} (10s),
 *       {@code external_labels} (added to every series that lacks them), {@code evaluation_interval}
 *       (accepted, unused).
 *   <li>{@code config.scrape_configs[]}: {@code job_name}, {@code scrape_interval},
 *       {@code scrape_timeout} (the global one, capped at the interval), {@code metrics_path}
 *       (/metrics), {@code scheme} (http), {@code params}, {@code honor_labels} (false),
 *       {@code honor_timestamps} (true), {@code basic_auth} ({@code username}, {@code password} or
 *       {@code password_file}), {@code authorization} ({@code type} Bearer, {@code credentials} or
 *       {@code credentials_file}), {@code bearer_token} / {@code bearer_token_file},
 *       {@code tls_config} ({@code ca_file}, {@code cert_file}, {@code key_file},
 *       {@code server_name}, {@code insecure_skip_verify}, {@code min_version}),
 *       {@code follow_redirects} (true), {@code body_size_limit}, {@code sample_limit},
 *       {@code static_configs} ({@code targets}, {@code labels}), {@code relabel_configs} and
 *       {@code metric_relabel_configs} (every action of Prometheus 2.42: replace, keep, drop,
 *       hashmod, labelmap, labeldrop, labelkeep, lowercase, uppercase, keepequal, dropequal).
 *   <li>{@code use_start_time_metric} (false) and {@code start_time_metric_regex}
 *       ({@code process_start_time_seconds}), as the Collector.
 * </ul>
 *
 * <h2>What a scrape produces</h2>
 * Each target is scraped on its own virtual thread every interval (first at an offset derived from
 * its labels), asking for OpenMetrics first and the text format 0.0.4 next (Prometheus' Accept
 * header), gzip accepted, the whole fetch bounded by {@code scrape_timeout} and the body by
 * {@code body_size_limit}. Samples get the target's labels (clashes renamed
 * {@code exported_<name>} unless {@code honor_labels}), then {@code metric_relabel_configs}, then
 * external labels. Families become OTLP metrics as the Collector makes them
 * ({@link dev.signalbox.sdk.prometheus.scrape.OtlpMetricsBuilder}): counters → monotonic
 * cumulative sums, gauges and untyped → gauges, histograms → explicit-bucket histograms, summaries
 * → summaries, info/stateset → non-monotonic sums; HELP → description, UNIT (OpenMetrics) → unit
 * in UCUM, the Prometheus type in the metric's metadata ({@code prometheus.type}). The resource
 * has {@code service.name} = job, {@code service.instance.id} = instance, {@code server.address}
 * (unless loopback), {@code server.port}, {@code url.scheme}, plus the labels of
 * {@code target_info}. Every scrape also yields {@code up}, {@code scrape_duration_seconds},
 * {@code scrape_samples_scraped}, {@code scrape_samples_post_metric_relabeling} and
 * {@code scrape_series_added}.
 *
 * <p>Start times: a {@code _created} sample's; else the series' first scrape (or the start-time
 * metric with {@code use_start_time_metric}); a lower value than the previous scrape's is a reset
 * that starts at the reset's scrape. Staleness: a series missing from a scrape, or every series
 * when a scrape fails, gets one point flagged no-recorded-value, as the Collector.
 *
 * <p>A scrape that fails (connection, timeout, HTTP status other than 200, unparsable body, body
 * too large, sample limit) yields {@code up} 0 for that target only, is counted in
 * {@code otelcol_receiver_prometheus_scrape_errors{job, instance, reason}} and logged with the
 * target, its URL and what went wrong; {@code otelcol_receiver_prometheus_target_up{job,
 * instance}} says which targets are down.
 *
 * <h2>Differs from the Collector</h2>
 * <ul>
 *   <li>Only {@code static_configs}: no service discovery, {@code scrape_config_files},
 *       {@code target_allocator}, {@code api_server}, OAuth2 or proxies; unknown keys are errors.
 *   <li>No native histograms (exponential histograms); OpenMetrics gauge histograms are dropped,
 *       as in the Collector.
 *   <li>Durations use Go's units (write {@code 24h}, not Prometheus' {@code 1d}); regexes are
 *       Java's ({@code (?P<name>)} accepted). As in the Collector, a {@code $} followed by
 *       {@code {} must be written {@code $$} ({@code replacement: $${1}}) because of environment
 *       variable expansion.
 *   <li>{@code body_size_limit: 0} means 64MiB, not unlimited.
 *   <li>The scope is {@code dev.signalbox/receiver/prometheus} with Signalbox's version;
 *       non-monotonic sums (info, stateset) are never treated as reset.
 *   <li>{@code trim_metric_suffixes} is not supported.
 * </ul>
 */
package dev.signalbox.receiver.prometheus;
