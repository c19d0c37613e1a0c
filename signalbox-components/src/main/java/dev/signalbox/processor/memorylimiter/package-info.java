/**
 * The {@code memory_limiter} processor: measures the JVM heap every {@code check_interval}; above
 * the soft limit ({@code limit_mib - spike_limit_mib}) it forces a GC and, if still above, refuses
 * data with a retryable RESOURCE_EXHAUSTED/429 refusal, and tells receivers (through
 * {@code MemoryPressure}) to refuse before reading request bodies. Keys: check_interval,
 * limit_mib, spike_limit_mib, limit_percentage, spike_limit_percentage,
 * min_gc_interval_when_soft_limited, min_gc_interval_when_hard_limited.
 */
package dev.signalbox.processor.memorylimiter;
