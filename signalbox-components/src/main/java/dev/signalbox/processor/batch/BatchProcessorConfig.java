package dev.signalbox.processor.batch;

import dev.signalbox.config.ComponentConfig;
import dev.signalbox.config.Problems;
import java.time.Duration;
import java.util.List;

/**
 * Config of the {@code batch} processor; keys and defaults as the Collector's.
 *
 * @param timeout time after which a batch is sent regardless of size (200ms); 0 sends every
 *     incoming batch at once, split by {@code send_batch_max_size} only
 * @param sendBatchSize items that trigger sending a batch (8192)
 * @param sendBatchMaxSize upper limit of a sent batch, 0 for none (0); larger batches are split
 * @param metadataKeys client metadata keys whose value combinations get separate batches ([])
 * @param metadataCardinalityLimit most distinct metadata value combinations batched at once (1000)
 */
public record BatchProcessorConfig(
    Duration timeout,
    int sendBatchSize,
    int sendBatchMaxSize,
    List<String> metadataKeys,
    int metadataCardinalityLimit) implements ComponentConfig {

  public static BatchProcessorConfig defaults() {
    return new BatchProcessorConfig(Duration.ofMillis(200), 8192, 0, List.of(), 1000);
  }

  @Override
  public void validate(Problems problems) {
    if (timeout.isNegative()) {
      problems.error("timeout", "must not be negative");
    }
    if (sendBatchSize < 0) {
      problems.error("send_batch_size", "must not be negative");
    }
    if (sendBatchMaxSize < 0) {
      problems.error("send_batch_max_size", "must not be negative");
    } else if (sendBatchMaxSize > 0 && sendBatchMaxSize < sendBatchSize) {
      problems.error("send_batch_max_size", "must be greater than or equal to send_batch_size ("
          + sendBatchSize + "), or 0 for no limit");
    }
    if (!metadataKeys.isEmpty() && metadataCardinalityLimit <= 0) {
      problems.error("metadata_cardinality_limit", "must be greater than 0 when metadata_keys is set");
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < metadataKeys.size(); i++) {
      if (!seen.add(metadataKeys.get(i).toLowerCase(java.util.Locale.ROOT))) {
        problems.at("metadata_keys").at(i).error("duplicate key '" + metadataKeys.get(i)
            + "' (metadata keys are case-insensitive)");
      }
    }
  }
}
