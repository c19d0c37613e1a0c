package dev.signalbox.sdk.exporterhelper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signalbox.component.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestRecordTest {
  @Test
  void storesTheMetadataThenThePayload() throws Exception {
    Context ctx = Context.of(Map.of("X-Tenant-ID", List.of("acmé"), "b", List.of("1", "", "3")), "http");
    byte[] payload = "batch".getBytes(StandardCharsets.UTF_8);
    byte[] rec = RequestRecord.encode((byte) 1, ctx, payload);
    assertThat(rec).startsWith(1, 1, 0, 2); // version, format, 2 keys

    RequestRecord.Decoded d = RequestRecord.decode((byte) 1, rec, 0, rec.length);
    assertThat(d.context().metadata()).isEqualTo(Map.of("x-tenant-id", List.of("acmé"), "b", List.of("1", "", "3")));
    assertThat(Arrays.copyOfRange(rec, d.payloadOffset(), d.payloadOffset() + d.payloadLength())).isEqualTo(payload);
  }

  @Test
  void anEmptyContextTakesFourBytes() throws Exception {
    byte[] rec = RequestRecord.encode((byte) 1, Context.empty().withPrincipal("alice"), new byte[3]);
    assertThat(rec).hasSize(7);
    RequestRecord.Decoded d = RequestRecord.decode((byte) 1, rec, 0, rec.length);
    assertThat(d.context()).isSameAs(Context.empty());
    assertThat(d.payloadOffset()).isEqualTo(4);
    assertThat(d.payloadLength()).isEqualTo(3);
  }

  @Test
  void decodesAtAnOffset() throws Exception {
    byte[] rec = RequestRecord.encode((byte) 1, Context.of(Map.of("k", List.of("v")), ""), new byte[] {9});
    byte[] shifted = new byte[rec.length + 5];
    System.arraycopy(rec, 0, shifted, 5, rec.length);
    RequestRecord.Decoded d = RequestRecord.decode((byte) 1, shifted, 5, rec.length);
    assertThat(d.context().metadata("K")).containsExactly("v");
    assertThat(shifted[d.payloadOffset()]).isEqualTo((byte) 9);
  }

  @Test
  void refusesAnotherFormatOrATruncatedRecord() {
    byte[] rec = RequestRecord.encode((byte) 1, Context.of(Map.of("k", List.of("v")), ""), new byte[0]);
    assertThatThrownBy(() -> RequestRecord.decode((byte) 2, rec, 0, rec.length)).isInstanceOf(IOException.class)
        .hasMessage("stored request has payload format 1, this queue reads 2");
    assertThatThrownBy(() -> RequestRecord.decode((byte) 1, rec, 0, rec.length - 2)).isInstanceOf(IOException.class)
        .hasMessage("stored request is truncated");
    rec[0] = 7;
    assertThatThrownBy(() -> RequestRecord.decode((byte) 1, rec, 0, rec.length))
        .hasMessage("stored request has record version 7, expected 1");
  }
}
