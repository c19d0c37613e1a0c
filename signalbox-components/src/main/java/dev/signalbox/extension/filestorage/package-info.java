/**
 * The {@code file_storage} extension: where persistent sending queues live. An exporter with
 * {@code sending_queue.storage: file_storage} gets, per signal, a crash-safe segmented log in its
 * own directory under {@code directory} ({@code exporter_otlp_traces/},
 * {@code exporter_otlp-backend_logs/}; see {@code dev.signalbox.sdk.storage} for the files).
 *
 * <p>Keys: {@code directory} (required), {@code create_directory} (false),
 * {@code directory_permissions} ("0750"), {@code timeout} (1s: how long to wait for a queue
 * directory another process has locked), {@code fsync} (batch; never | batch | always, and the
 * Collector's false/true), {@code fsync_interval} (10ms), {@code segment_size} (64MiB),
 * {@code max_size} (1GiB per queue), {@code compaction} (the Collector's block, accepted with no
 * effect: acknowledged segments are deleted as soon as they are, so there is nothing to compact).
 *
 * <p>Differs from the Collector's {@code file_storage}: a directory per queue rather than a bbolt
 * file; {@code directory} has no default; {@code fsync} defaults to batch (group commit) rather than
 * false; a size bound ({@code max_size}) the Collector lacks. It stores only queues: the generic
 * key-value client the Collector offers other components (receiver checkpoints) is not provided.
 */
package dev.signalbox.extension.filestorage;
