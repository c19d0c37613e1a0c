package dev.signalbox.config;

/**
 * A component's config: a record whose components are the YAML keys in snake_case
 * ({@code sendBatchSize} is {@code send_batch_size}; {@link ConfigKey} overrides). Supported
 * component types: String, boolean, int, long, double (and boxes), {@link java.time.Duration}
 * ({@code 5s}, {@code 200ms}), {@link ByteSize} ({@code 512MiB}), {@link Secret}, enums (YAML
 * value in lower case), {@code dev.signalbox.component.ComponentId}, {@code List}, {@code Set},
 * {@code Map<String, V>} and nested records. Nested records are nested maps; {@link Squash}
 * embeds a record's keys at its parent's level; {@link Presence} makes a block exist only when
 * its key is written. Defaults come from the factory's {@code defaultConfig()}; the user's YAML is
 * bound over them; unknown keys are errors.
 */
public interface ComponentConfig extends ConfigBlock {}
