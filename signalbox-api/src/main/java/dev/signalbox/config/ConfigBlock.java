package dev.signalbox.config;

/**
 * A config record or nested block that checks itself. The service calls {@link #validate} on every
 * block of a bound config tree, each with a {@link Problems} view at the block's own key path, so a
 * block checks only its own keys and the constraints between them, never its children's.
 */
public interface ConfigBlock {
  /**
   * Reports every problem of this block to {@code problems}, keyed by the YAML key relative to the
   * block ({@code problems.error("timeout", "must be positive")}). Never throws.
   */
  default void validate(Problems problems) {}

  /**
   * The {@code host:port} addresses this block listens on when used (servers only). The service
   * reports two blocks listening on one port as a config error before anything starts.
   */
  default java.util.List<String> listenAddresses() {
    return java.util.List.of();
  }
}
