package dev.signalbox.sdk.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.signalbox.component.Context;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.Profiles;
import dev.signalbox.pdata.Signal;
import dev.signalbox.pdata.Traces;
import dev.signalbox.pdata.WireChunk;
import dev.signalbox.sdk.otlp.OtlpProtoCodec;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.profiles.v1development.ExportProfilesServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.profiles.v1development.Profile;
import io.opentelemetry.proto.profiles.v1development.ResourceProfiles;
import io.opentelemetry.proto.profiles.v1development.ScopeProfiles;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Serializer#otlp}: what the persistent queue stores in production. */
class OtlpSerializerTest {
  static final Context CTX = Context.of(Map.of("x-tenant-id", List.of("acme")), "grpc");

  static byte[] traceRequest(int spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < spans; i++) {
      scope.addSpans(Span.newBuilder().setName("span-" + i)
          .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, (byte) i}))
          .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) (i + 1)}))
          .addAttributes(KeyValue.newBuilder().setKey("k").setValue(AnyValue.newBuilder().setIntValue(i))));
    }
    return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
        .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
            .setValue(AnyValue.newBuilder().setStringValue("svc"))))
        .addScopeSpans(scope)).build().toByteArray();
  }

  @Test
  void aWireBackedBatchIsStoredAsTheBytesItArrivedAsAndReadBackWireBacked() throws Exception {
    byte[] wire = traceRequest(3);
    Traces batch = OtlpProtoCodec.INSTANCE.decodeTraces(wire, 0, wire.length);
    Serializer<Traces> s = Serializer.otlp(Signal.TRACES);

    byte[] stored = s.serialize(new ExportRequest<>(CTX, batch));
    assertThat(Arrays.copyOfRange(stored, stored.length - wire.length, stored.length)).isEqualTo(wire);

    ExportRequest<Traces> back = s.deserialize(stored);
    assertThat(back.data().isWireBacked()).isTrue();
    assertThat(back.items()).isEqualTo(3);
    assertThat(back.bytes()).isEqualTo(wire.length);
    assertThat(back.context().metadata("X-Tenant-ID")).containsExactly("acme");
    assertThat(OtlpProtoCodec.INSTANCE.encode(back.data())).isEqualTo(wire);
  }

  @Test
  void aDecodedBatchIsEncodedAndComesBackEqual() throws Exception {
    byte[] wire = traceRequest(5);
    Traces decoded = OtlpProtoCodec.INSTANCE.decodeTracesEager(wire, 0, wire.length);
    decoded.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).setName("renamed");
    Serializer<Traces> s = Serializer.otlp(Signal.TRACES);

    Traces back = s.deserialize(s.serialize(new ExportRequest<>(Context.empty(), decoded))).data();
    assertThat(back).isEqualTo(decoded);
    assertThat(back.resourceSpans().get(0).scopeSpans().get(0).spans().get(0).name()).isEqualTo("renamed");
  }

  @Test
  void logsRoundTrip() throws Exception {
    byte[] wire = ExportLogsServiceRequest.newBuilder().addResourceLogs(ResourceLogs.newBuilder()
        .addScopeLogs(ScopeLogs.newBuilder()
            .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("hello")))
            .addLogRecords(LogRecord.newBuilder().setSeverityText("WARN")))).build().toByteArray();
    Logs logs = OtlpProtoCodec.INSTANCE.decodeLogs(wire, 0, wire.length);
    Serializer<Logs> s = Serializer.otlp(Signal.LOGS);
    ExportRequest<Logs> back = s.deserialize(s.serialize(new ExportRequest<>(CTX, logs)));
    assertThat(back.items()).isEqualTo(2);
    assertThat(OtlpProtoCodec.INSTANCE.encode(back.data())).isEqualTo(wire);
  }

  @Test
  void profilesKeepTheirRequestsApart() throws Exception {
    byte[] one = profilesRequest(1);
    byte[] two = profilesRequest(2);
    Profiles batch = OtlpProtoCodec.INSTANCE.decodeProfiles(one, 0, one.length);
    batch.append(OtlpProtoCodec.INSTANCE.decodeProfiles(two, 0, two.length));
    Serializer<Profiles> s = Serializer.otlp(Signal.PROFILES);

    ExportRequest<Profiles> back = s.deserialize(s.serialize(new ExportRequest<>(CTX, batch)));
    assertThat(back.items()).isEqualTo(3);
    assertThat(back.data().requests()).hasSize(2);
    assertThat(bytes(back.data().requests().get(0))).isEqualTo(one);
    assertThat(bytes(back.data().requests().get(1))).isEqualTo(two);
  }

  static byte[] profilesRequest(int profiles) {
    ScopeProfiles.Builder scope = ScopeProfiles.newBuilder();
    for (int i = 0; i < profiles; i++) {
      scope.addProfiles(Profile.newBuilder().setTimeUnixNano(1000 + i));
    }
    return ExportProfilesServiceRequest.newBuilder()
        .addResourceProfiles(ResourceProfiles.newBuilder().addScopeProfiles(scope)).build().toByteArray();
  }

  static byte[] bytes(WireChunk c) {
    return Arrays.copyOfRange(c.bytes(), c.offset(), c.offset() + c.length());
  }

  @Test
  void storedBytesThatAreNotOtlpAreRefused() {
    byte[] stored = RequestRecord.encode(RequestRecord.OTLP_PROTOBUF, Context.empty(), new byte[] {(byte) 0xFF, 1});
    assertThatThrownBy(() -> Serializer.otlp(Signal.TRACES).deserialize(stored)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("stored batch is not valid OTLP");
    // a traces record is not read as profiles, whose layout differs
    assertThatThrownBy(() -> Serializer.otlp(Signal.PROFILES).deserialize(stored)).isInstanceOf(IOException.class)
        .hasMessageContaining("payload format 1, this queue reads 2");
  }
}
