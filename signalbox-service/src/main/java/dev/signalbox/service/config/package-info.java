/**
 * Configuration: the OpenTelemetry Collector's YAML, loaded, bound to config records and checked
 * before anything starts.
 *
 * <h2>For the service and the CLI</h2>
 * <ul>
 *   <li>{@link dev.signalbox.service.config.ConfigLoader#load} takes the {@code --config} arguments
 *       (a file path, {@code file:path}, {@code env:VAR}, {@code yaml:...}), an environment lookup
 *       and the {@link dev.signalbox.service.Registry}, and returns a
 *       {@link dev.signalbox.service.config.ResolvedConfig} (bound components with their factories,
 *       pipelines, telemetry settings, warnings to log) or throws a
 *       {@link dev.signalbox.service.config.ConfigException} listing every problem as
 *       {@code file:line:col key.path: message}.
 *   <li>{@link dev.signalbox.service.config.ConfigRenderer#render(ResolvedConfig)} prints the
 *       effective configuration with secrets redacted ({@code signalbox validate --print}).
 *   <li>{@link dev.signalbox.service.config.ConfigBinder} binds one YAML document onto one record
 *       (component tests).
 * </ul>
 *
 * <h2>Steps, one class each</h2>
 * {@link dev.signalbox.service.config.YamlReader} parses a source into a
 * {@link dev.signalbox.service.config.ConfigNode} tree that keeps every node's source, line and
 * column; {@link dev.signalbox.service.config.TreeMerger} merges sources (maps deeply, anything
 * else replaced by the later source, a key with no value included, as the Collector);
 * {@link dev.signalbox.service.config.EnvExpander} expands {@code ${...}} in scalars only;
 * {@link dev.signalbox.service.config.Binder} binds records over the factories' defaults (its
 * Javadoc holds the rules for no-value keys, {@code @Presence}, collections and records without
 * defaults); {@link dev.signalbox.service.config.BlockWalker} calls every block's {@code validate}
 * and collects listen addresses; {@link dev.signalbox.service.config.ConfigResolver} applies the
 * Collector's layout and cross-checks ids, pipelines, signals, connectors, unused components and
 * ports; {@link dev.signalbox.service.config.Diagnostics} sorts and renders problems.
 *
 * <h2>Why not Jackson</h2>
 * The architecture notes planned Jackson binding. snakeyaml-engine's node API is used instead,
 * because every value must keep its file, line and column for messages and Jackson's tree drops
 * them; binding is a small reflective walk over records, which also gives exact control of
 * {@code @Presence}, {@code @Squash} and the messages.
 *
 * <h2>Differences from the Collector, on purpose</h2>
 * <ul>
 *   <li>The self-metrics address defaults to {@code 127.0.0.1:8888} (the Collector's is
 *       {@code localhost:8888}); of the {@code readers} form only a single
 *       {@code pull}/{@code prometheus} reader is accepted, translated to an address.
 *   <li>{@code service.telemetry.logs} accepts only {@code level} and {@code encoding}; other
 *       Collector keys ({@code output_paths}, {@code sampling}, ...) are reported as unknown.
 *   <li>A map written by the user replaces the default map instead of merging into it.
 *   <li>An environment variable's value is never parsed as YAML: it stays a string that binding
 *       converts, so it cannot inject structure.
 * </ul>
 */
package dev.signalbox.service.config;
