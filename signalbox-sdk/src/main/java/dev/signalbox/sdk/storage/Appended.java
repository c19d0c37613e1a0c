package dev.signalbox.sdk.storage;

/**
 * Where {@link SegmentedLog#write} put a record.
 *
 * @param position the record's position, as {@link LogRecord#position()} will say when it is read
 * @param end the position right after it; pass it to {@link SegmentedLog#awaitDurable(long)}
 */
public record Appended(long position, long end) {}
