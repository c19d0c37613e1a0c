package dev.signalbox.sdk.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

  @Test
  void parsesTheGoForms() {
    assertThat(Endpoint.parse("localhost:4317")).isEqualTo(new Endpoint("localhost", 4317));
    assertThat(Endpoint.parse("0.0.0.0:4318")).isEqualTo(new Endpoint("0.0.0.0", 4318));
    assertThat(Endpoint.parse("[::1]:4317")).isEqualTo(new Endpoint("::1", 4317));
    assertThat(Endpoint.parse(":4317")).isEqualTo(new Endpoint("", 4317));
    assertThat(Endpoint.parse(" 127.0.0.1:0 ")).isEqualTo(new Endpoint("127.0.0.1", 0));
  }

  @Test
  void formatsAsItParses() {
    assertThat(new Endpoint("::1", 4317)).hasToString("[::1]:4317");
    assertThat(new Endpoint("", 4317)).hasToString(":4317");
    assertThat(Endpoint.parse("[2001:db8::1]:80").toString()).isEqualTo("[2001:db8::1]:80");
  }

  @Test
  void knowsWildcards() {
    assertThat(Endpoint.parse(":4317").isWildcard()).isTrue();
    assertThat(Endpoint.parse("0.0.0.0:1").isWildcard()).isTrue();
    assertThat(Endpoint.parse("[::]:1").isWildcard()).isTrue();
    assertThat(Endpoint.parse("localhost:1").isWildcard()).isFalse();
    assertThat(Endpoint.parse(":4317").toSocketAddress().getAddress().isAnyLocalAddress()).isTrue();
    assertThat(Endpoint.parse("127.0.0.1:5").toSocketAddress().getPort()).isEqualTo(5);
  }

  @Test
  void explainsWhatIsWrong() {
    assertThatThrownBy(() -> Endpoint.parse("")).hasMessage("address is empty; expected host:port, e.g. localhost:4317");
    assertThatThrownBy(() -> Endpoint.parse("localhost"))
        .hasMessage("invalid address \"localhost\": missing port, expected host:port, e.g. localhost:4317");
    assertThatThrownBy(() -> Endpoint.parse("localhost:"))
        .hasMessage("invalid address \"localhost:\": missing port after ':'");
    assertThatThrownBy(() -> Endpoint.parse("localhost:http"))
        .hasMessage("invalid address \"localhost:http\": invalid port \"http\"");
    assertThatThrownBy(() -> Endpoint.parse("localhost:65536"))
        .hasMessage("invalid address \"localhost:65536\": port 65536 out of range 0..65535");
    assertThatThrownBy(() -> Endpoint.parse("::1:4317"))
        .hasMessage("invalid address \"::1:4317\": too many colons; write an IPv6 address in brackets, e.g. [::1]:4317");
    assertThatThrownBy(() -> Endpoint.parse("[::1]"))
        .hasMessage("invalid address \"[::1]\": missing port, expected [::1]:port");
    assertThatThrownBy(() -> Endpoint.parse("[::1:4317"))
        .hasMessage("invalid address \"[::1:4317\": missing ']' in IPv6 address");
    assertThatThrownBy(() -> Endpoint.parse("http://localhost:4317"))
        .hasMessage("invalid address \"http://localhost:4317\": expected host:port without a scheme, e.g. localhost:4317");
    assertThatThrownBy(() -> Endpoint.parse("[localhost]:1"))
        .hasMessage("invalid address \"[localhost]:1\": brackets are only for IPv6 literals");
  }
}
