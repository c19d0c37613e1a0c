package dev.signalbox.sdk.otlp;

import static dev.signalbox.sdk.otlp.OtlpProtoCodecTest.concat;
import static dev.signalbox.sdk.otlp.OtlpProtoCodecTest.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Telemetry;
import dev.signalbox.sdk.proto.MalformedDataException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed protobuf: only MalformedDataException, with a message saying what and where. */
class OtlpProtoMalformedTest {
  private static final OtlpProtoCodec CODEC = OtlpProtoCodec.INSTANCE;

  private static final List<Signal<?>> SIGNALS = List.of(Signal.TRACES, Signal.METRICS, Signal.LOGS);

  private static byte[] full(Signal<?> s) {
    if (s == Signal.TRACES) {
      return OtlpTestData.fullTraces().toByteArray();
    } else if (s == Signal.METRICS) {
      return OtlpTestData.fullMetrics().toByteArray();
    }
    return OtlpTestData.fullLogs().toByteArray();
  }

  /** Offsets where a top-level field starts: cutting there leaves a valid, shorter request. */
  private static Set<Integer> topLevelBoundaries(byte[] req) {
    Set<Integer> out = new HashSet<>();
    int p = 0;
    out.add(0);
    while (p < req.length) {
      p++; // tag 0x0A
      long len = 0;
      int shift = 0;
      while (true) {
        byte b = req[p++];
        len |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          break;
        }
        shift += 7;
      }
      p += (int) len;
      out.add(p);
    }
    return out;
  }

  /**
   * Runs the scan, the eager decode and (when the scan accepted) the lazy decode; checks that they
   * agree. Returns the MalformedDataException, or null when the input was accepted.
   */
  private static MalformedDataException check(Signal<?> signal, byte[] buf) {
    MalformedDataException scanError = null;
    MalformedDataException eagerError = null;
    Telemetry lazy = null;
    Telemetry eager = null;
    try {
      lazy = CODEC.decode(signal, buf, 0, buf.length);
    } catch (MalformedDataException e) {
      scanError = e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("scan threw " + e + " for " + Arrays.toString(buf), e);
    }
    try {
      eager = CODEC.decodeEager(signal, buf, 0, buf.length);
    } catch (MalformedDataException e) {
      eagerError = e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("eager decode threw " + e + " for " + Arrays.toString(buf), e);
    }
    if (scanError != null || eagerError != null) {
      assertThat(scanError).as("scan and decode disagree on %s", Arrays.toString(buf)).isNotNull();
      assertThat(eagerError).as("scan and decode disagree on %s", Arrays.toString(buf)).isNotNull();
      assertThat(eagerError.getMessage()).isEqualTo(scanError.getMessage());
      assertThat(scanError.getMessage()).contains(" at byte ");
      return scanError;
    }
    int counted = lazy.itemCount();
    assertThat(lazy).isEqualTo(eager); // reads (decodes) the lazy batch
    assertThat(lazy.itemCount()).isEqualTo(counted).isEqualTo(eager.itemCount());
    // whatever we accepted, we encode into something protobuf-java parses
    try {
      byte[] re = CODEC.encode(eager);
      switch (signal.name()) {
        case "traces" -> io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.parseFrom(re);
        case "metrics" -> io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest.parseFrom(re);
        default -> io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest.parseFrom(re);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return null;
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void truncationAtEveryOffsetIsRejected() {
    for (Signal<?> signal : SIGNALS) {
      byte[] req = full(signal);
      Set<Integer> boundaries = topLevelBoundaries(req);
      for (int cut = 0; cut < req.length; cut++) {
        byte[] truncated = Arrays.copyOf(req, cut);
        MalformedDataException e = check(signal, truncated);
        if (boundaries.contains(cut)) {
          assertThat(e).as("%s cut at top-level boundary %d", signal, cut).isNull();
        } else {
          assertThat(e).as("%s cut at %d", signal, cut).isNotNull();
          assertThat(e.getMessage()).containsAnyOf("truncated", "exceeds");
        }
      }
    }
  }

  @Test
  void truncationMessageNamesThePath() {
    byte[] req = OtlpTestData.traces(3, 2).toByteArray();
    byte[] cut = Arrays.copyOf(req, req.length - 3);
    assertThatThrownBy(() -> CODEC.decodeTraces(cut, 0, cut.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("truncated field: length ")
        .hasMessageContaining(" at byte 1 (resource_spans[0])");
    // a fixed64 cut short inside the last span
    byte[] span = {0x39, 1, 2, 3}; // start_time_unix_nano with 3 of 8 bytes
    byte[] raw = wrapAll(span);
    assertThatThrownBy(() -> CODEC.decodeTraces(raw, 0, raw.length))
        .hasMessage("truncated fixed64 at byte 7 (resource_spans[0].scope_spans[0].spans[0])");
  }

  /** request → resource_spans[0] → scope_spans[0] → spans[0] = span. */
  private static byte[] wrapAll(byte[] span) {
    try {
      return wrap(1, wrap(2, wrap(2, span)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void wrongWireTypeOfAKnownFieldIsRejected() {
    byte[] span = {0x28, 0x01}; // name (5) as a varint
    byte[] raw = wrapAll(span);
    assertThatThrownBy(() -> CODEC.decodeTraces(raw, 0, raw.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("field 5 (name) has wire type VARINT, expected LEN at byte 6 "
            + "(resource_spans[0].scope_spans[0].spans[0])");
    assertThatThrownBy(() -> CODEC.decodeTracesEager(raw, 0, raw.length))
        .hasMessage("field 5 (name) has wire type VARINT, expected LEN at byte 6 "
            + "(resource_spans[0].scope_spans[0].spans[0])");
    byte[] top = {0x09, 1, 2, 3, 4, 5, 6, 7, 8}; // resource_spans as fixed64
    assertThatThrownBy(() -> CODEC.decodeTraces(top, 0, top.length))
        .hasMessage("field 1 (resource_spans) has wire type I64, expected LEN at byte 0");
    byte[] flags = {(byte) 0x80, 0x01, 0x00}; // flags (16) as a varint: 2-byte tag
    byte[] rawFlags = wrapAll(flags);
    assertThatThrownBy(() -> CODEC.decodeTraces(rawFlags, 0, rawFlags.length))
        .hasMessage("field 16 (flags) has wire type VARINT, expected I32 at byte 6 "
            + "(resource_spans[0].scope_spans[0].spans[0])");
  }

  @Test
  void declaredLengthOf2To31Minus1IsAnErrorNotAnAllocation() {
    byte[] raw = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
    assertThatThrownBy(() -> CODEC.decodeTraces(raw, 0, raw.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("truncated field: length 2147483647 exceeds the 0 bytes left at byte 1 (resource_spans[0])");
    byte[] huge = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01};
    assertThatThrownBy(() -> CODEC.decodeLogsEager(huge, 0, huge.length))
        .hasMessage("truncated field: length 18446744073709551615 exceeds the 0 bytes left at byte 1 (resource_logs[0])");
    // inside a nested message: a string whose length exceeds its message, though not the buffer
    byte[] inner = {0x2A, 0x10, 'a', 'b'};
    byte[] padded = concat(wrapAll(inner), new byte[32]);
    assertThatThrownBy(() -> CODEC.decodeTraces(padded, 0, padded.length))
        .hasMessage("truncated field: length 16 exceeds the 2 bytes left at byte 7 "
            + "(resource_spans[0].scope_spans[0].spans[0])");
  }

  @Test
  void idsOfTheWrongLengthAreRejected() throws Exception {
    assertThatThrownBy(() -> CODEC.decodeTraces(wrapAll(new byte[] {0x0A, 3, 1, 2, 3}), 0, 11))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("trace_id must be 16 bytes (or empty), got 3 at byte 7 (resource_spans[0].scope_spans[0].spans[0])");
    byte[] spanId = wrapAll(new byte[] {0x12, 7, 1, 2, 3, 4, 5, 6, 7});
    assertThatThrownBy(() -> CODEC.decodeTracesEager(spanId, 0, spanId.length))
        .hasMessage("span_id must be 8 bytes (or empty), got 7 at byte 7 (resource_spans[0].scope_spans[0].spans[0])");
    byte[] parent = wrapAll(concat(new byte[] {0x22, 9}, new byte[9]));
    assertThatThrownBy(() -> CODEC.decodeTraces(parent, 0, parent.length))
        .hasMessageStartingWith("parent_span_id must be 8 bytes (or empty), got 9");
    byte[] link = wrapAll(wrap(13, new byte[] {0x0A, 1, 1}));
    assertThatThrownBy(() -> CODEC.decodeTraces(link, 0, link.length))
        .hasMessage("trace_id must be 16 bytes (or empty), got 1 at byte 9 "
            + "(resource_spans[0].scope_spans[0].spans[0].links[0])");
    // exemplar in a gauge point; log record ids
    byte[] exemplar = wrap(1, wrap(2, wrap(2, wrap(5, wrap(1, wrap(5, new byte[] {0x22, 2, 1, 2}))))));
    assertThatThrownBy(() -> CODEC.decodeMetrics(exemplar, 0, exemplar.length))
        .hasMessage("span_id must be 8 bytes (or empty), got 2 at byte 13 "
            + "(resource_metrics[0].scope_metrics[0].metrics[0].gauge.data_points[0].exemplars[0])");
    byte[] log = wrap(1, wrap(2, wrap(2, concat(new byte[] {0x4A, 15}, new byte[15]))));
    assertThatThrownBy(() -> CODEC.decodeLogs(log, 0, log.length))
        .hasMessage("trace_id must be 16 bytes (or empty), got 15 at byte 7 (resource_logs[0].scope_logs[0].log_records[0])");
    // empty ids are fine
    byte[] empty = wrapAll(new byte[] {0x0A, 0, 0x12, 0});
    assertThat(CODEC.decodeTraces(empty, 0, empty.length).itemCount()).isEqualTo(1);
  }

  @Test
  void attributeErrorsNameTheAttribute() throws IOException {
    byte[] badValue = wrap(9, new byte[] {0x0A, 1, 'k', 0x12, 2, 0x19, 1}); // double_value truncated
    byte[] span = concat(wrap(9, new byte[] {0x0A, 1, 'a'}), concat(wrap(9, new byte[] {0x0A, 1, 'b'}), badValue));
    byte[] raw = wrapAll(span);
    assertThatThrownBy(() -> CODEC.decodeTraces(raw, 0, raw.length))
        .hasMessage("field 3 (int_value) has wire type I64, expected VARINT at byte 23 "
            + "(resource_spans[0].scope_spans[0].spans[0].attributes[2].value)");
  }

  @Test
  void groupsAndInvalidWireTypesAreRejected() {
    assertThatThrownBy(() -> CODEC.decodeTraces(new byte[] {0x0B, 0x0C}, 0, 2))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("field 1 uses wire type 3 (group), which is not supported at byte 0");
    assertThatThrownBy(() -> CODEC.decodeTraces(new byte[] {0x0E}, 0, 1))
        .hasMessage("field 1 has invalid wire type 6 at byte 0");
    assertThatThrownBy(() -> CODEC.decodeMetrics(new byte[] {0x02, 0x00}, 0, 2))
        .hasMessage("invalid field number 0 at byte 0");
    byte[] group = wrapAll(new byte[] {(byte) 0x8C, 0x01}); // field 17 end-group, 2-byte tag
    assertThatThrownBy(() -> CODEC.decodeTracesEager(group, 0, group.length))
        .hasMessage("field 17 uses wire type 4 (group), which is not supported at byte 6 "
            + "(resource_spans[0].scope_spans[0].spans[0])");
  }

  @Test
  void overlongVarintsAreRejected() {
    byte[] span = {0x30, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
        (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}; // kind: 11-byte varint
    byte[] raw = wrapAll(span);
    assertThatThrownBy(() -> CODEC.decodeTraces(raw, 0, raw.length))
        .hasMessage("varint longer than 10 bytes at byte 7 (resource_spans[0].scope_spans[0].spans[0])");
    byte[] tag = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01};
    assertThatThrownBy(() -> CODEC.decodeLogs(tag, 0, tag.length)).hasMessage("invalid tag 4398046511104 at byte 0");
    assertThatThrownBy(() -> CODEC.decodeLogs(new byte[] {(byte) 0x80}, 0, 1)).hasMessage("truncated tag at byte 0");
  }

  @Test
  void nestingIsBoundedAt100Messages() throws Exception {
    // body = array_value { values { array_value { values { ... } } } }, 60 levels of AnyValue
    byte[] v = {0x0A, 0}; // string_value ""
    for (int i = 0; i < 60; i++) {
      v = wrap(5, wrap(1, v)); // AnyValue.array_value(5) -> ArrayValue.values(1)
    }
    byte[] raw = wrap(1, wrap(2, wrap(2, wrap(5, v))));
    assertThatThrownBy(() -> CODEC.decodeLogs(raw, 0, raw.length))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("messages nested deeper than 100 levels at byte ")
        .hasMessageContaining("(resource_logs[0].scope_logs[0].log_records[0].body.array_value.values[0].array_value");
    assertThatThrownBy(() -> CODEC.decodeLogsEager(raw, 0, raw.length))
        .hasMessageStartingWith("messages nested deeper than 100 levels");
    // 45 levels (91 messages deep) are fine
    byte[] ok = {0x0A, 0};
    for (int i = 0; i < 45; i++) {
      ok = wrap(5, wrap(1, ok));
    }
    byte[] okRaw = wrap(1, wrap(2, wrap(2, wrap(5, ok))));
    assertThat(CODEC.decodeLogsEager(okRaw, 0, okRaw.length).itemCount()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void fuzzedMutationsEitherDecodeOrThrowMalformedData() {
    Random rnd = new Random(20240601);
    byte[][] seeds = {
      OtlpTestData.fullTraces().toByteArray(), OtlpTestData.fullMetrics().toByteArray(),
      OtlpTestData.fullLogs().toByteArray(), new RandomOtlp(1).traces().toByteArray(),
      new RandomOtlp(2).metrics().toByteArray(), new RandomOtlp(3).logs().toByteArray()};
    Signal<?>[] signals = {Signal.TRACES, Signal.METRICS, Signal.LOGS, Signal.TRACES, Signal.METRICS, Signal.LOGS};
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < 4000; i++) {
      int which = rnd.nextInt(seeds.length);
      byte[] m = mutate(seeds[which], rnd);
      // every signal's decoder must cope with every input, not just its own
      Signal<?> signal = rnd.nextInt(4) == 0 ? SIGNALS.get(rnd.nextInt(3)) : signals[which];
      if (check(signal, m) == null) {
        accepted++;
      } else {
        rejected++;
      }
    }
    for (int i = 0; i < 1000; i++) {
      byte[] garbage = new byte[rnd.nextInt(200)];
      rnd.nextBytes(garbage);
      if (check(SIGNALS.get(i % 3), garbage) == null) {
        accepted++;
      } else {
        rejected++;
      }
      try {
        CODEC.decodeProfiles(garbage, 0, garbage.length);
        CODEC.decodeResponse(garbage, 0, garbage.length);
      } catch (MalformedDataException e) {
        assertThat(e.getMessage()).contains(" at byte ");
      }
    }
    assertThat(accepted).isPositive();
    assertThat(rejected).isPositive();
  }

  static byte[] mutate(byte[] in, Random rnd) {
    byte[] b = in.clone();
    int ops = 1 + rnd.nextInt(3);
    for (int k = 0; k < ops && b.length > 0; k++) {
      int pos = rnd.nextInt(b.length);
      switch (rnd.nextInt(6)) {
        case 0 -> b[pos] = (byte) rnd.nextInt(256);
        case 1 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
        case 2 -> b = Arrays.copyOf(b, pos); // truncate
        case 3 -> { // delete a byte
          byte[] n = new byte[b.length - 1];
          System.arraycopy(b, 0, n, 0, pos);
          System.arraycopy(b, pos + 1, n, pos, b.length - pos - 1);
          b = n;
        }
        case 4 -> { // insert a byte
          byte[] n = new byte[b.length + 1];
          System.arraycopy(b, 0, n, 0, pos);
          n[pos] = (byte) rnd.nextInt(256);
          System.arraycopy(b, pos, n, pos + 1, b.length - pos);
          b = n;
        }
        default -> b[pos] = (byte) (rnd.nextBoolean() ? 0xFF : 0x7F); // length-ish extremes
      }
    }
    return b;
  }

  @Test
  void aMalformedRequestNeverLeavesAHalfBuiltWireBatch() {
    byte[] req = OtlpTestData.fullTraces().toByteArray();
    byte[] bad = Arrays.copyOf(req, req.length - 1);
    try {
      CODEC.decodeTraces(bad, 0, bad.length);
      fail("expected MalformedDataException");
    } catch (MalformedDataException e) {
      assertThat(e.path()).startsWith("resource_spans[");
      assertThat(e.location()).startsWith("byte ");
      assertThat(e.problem()).isNotEmpty();
    }
  }
}
