/**
 * pdata: the OTLP-native data model every component reads and writes.
 *
 * <p>A batch ({@link dev.signalbox.pdata.Traces}, {@link dev.signalbox.pdata.Metrics},
 * {@link dev.signalbox.pdata.Logs}, {@link dev.signalbox.pdata.Profiles}) is a tree of mutable
 * elements carrying every OTLP field. Rules:
 * <ul>
 *   <li>Not thread-safe; ownership passes with {@code Consumer.consume}: after the call the caller
 *       lets go of the batch.</li>
 *   <li>A batch fanned out to several consumers is marked read-only; any setter then throws
 *       {@link dev.signalbox.pdata.ReadOnlyDataException}. Consumers that modify data declare it and
 *       receive their own copy.</li>
 *   <li>Strings are never null (OTLP's empty string is the default); ids are longs, 0 meaning
 *       empty; enums keep unknown wire numbers ({@code kindNumber()} and the like).</li>
 *   <li>A batch from a receiver may be wire-backed: it decodes on first read, and is re-sent as
 *       its original bytes if never read.</li>
 * </ul>
 */
package dev.signalbox.pdata;
