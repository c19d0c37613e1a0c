package dev.signalbox.sdk.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RpcStatusTest {

  @Test
  void encodesWhatProtobufDecodes() throws Exception {
    byte[] bytes = new RpcStatus(14, "queue is full", Duration.ofMillis(2500)).toByteArray();

    Status status = Status.parseFrom(bytes);
    assertThat(status.getCode()).isEqualTo(14);
    assertThat(status.getMessage()).isEqualTo("queue is full");
    assertThat(status.getDetailsCount()).isEqualTo(1);
    Any any = status.getDetails(0);
    assertThat(any.getTypeUrl()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
    RetryInfo info = any.unpack(RetryInfo.class);
    assertThat(info.getRetryDelay().getSeconds()).isEqualTo(2);
    assertThat(info.getRetryDelay().getNanos()).isEqualTo(500_000_000);
  }

  @Test
  void encodesExactlyAsProtobufDoes() {
    Status expected = Status.newBuilder().setCode(8).setMessage("slow down")
        .addDetails(Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(3)).build()))
        .build();
    assertThat(new RpcStatus(8, "slow down", Duration.ofSeconds(3)).toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(new RpcStatus(3, "bad", null).toByteArray())
        .isEqualTo(Status.newBuilder().setCode(3).setMessage("bad").build().toByteArray());
  }

  @Test
  void decodesProtobufsEncodingSkippingOtherDetails() {
    Status s = Status.newBuilder().setCode(8).setMessage("over quota")
        .addDetails(Any.pack(com.google.rpc.ErrorInfo.newBuilder().setReason("QUOTA").build()))
        .addDetails(Any.pack(RetryInfo.newBuilder()
            .setRetryDelay(com.google.protobuf.Duration.newBuilder().setSeconds(1).setNanos(250_000_000)).build()))
        .build();
    assertThat(RpcStatus.parse(s.toByteArray())).isEqualTo(new RpcStatus(8, "over quota", Duration.ofMillis(1250)));
    assertThat(RpcStatus.parse(Status.newBuilder().setCode(3).build().toByteArray()))
        .isEqualTo(new RpcStatus(3, "", null));
    assertThat(RpcStatus.parse(new byte[0])).isEqualTo(new RpcStatus(0, "", null));
  }

  @Test
  void rejectsMalformedBytes() {
    byte[] good = new RpcStatus(14, "x", Duration.ofSeconds(1)).toByteArray();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
    assertThatThrownBy(() -> RpcStatus.parse(truncated)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RpcStatus.parse(new byte[] {(byte) 0x80})).isInstanceOf(IllegalArgumentException.class);
  }
}
