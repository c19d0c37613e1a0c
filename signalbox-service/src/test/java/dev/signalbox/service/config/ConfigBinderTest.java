package dev.signalbox.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.signalbox.component.ComponentId;
import dev.signalbox.config.ByteSize;
import dev.signalbox.config.ConfigBlock;
import dev.signalbox.config.ConfigKey;
import dev.signalbox.config.Presence;
import dev.signalbox.config.Problems;
import dev.signalbox.config.Secret;
import dev.signalbox.config.Squash;
import dev.signalbox.service.config.TestFactories.Verbosity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ConfigBinderTest {
  static final Function<String, String> NO_ENV = name -> null;

  record Server(String endpoint, @ConfigKey("max_mib") int maxMiB, boolean enabled) implements ConfigBlock {
    @Override
    public void validate(Problems problems) {
      if (maxMiB > 100) {
        problems.error("max_mib", "must be at most 100");
      }
    }
  }

  /** No defaults(): its no-value default is all zero values. */
  record Opt(String name, int count, List<String> items, Duration every, @Presence Server server) {}

  record Named(String name, int weight) {
    static Named defaults() {
      return new Named("unnamed", 7);
    }
  }

  record Common(String endpoint, Duration timeout) {}

  record Positive(int n) {
    Positive {
      if (n < 0) {
        throw new IllegalArgumentException("n must not be negative, got " + n);
      }
    }
  }

  record Empty() {}

  record Root(
      @Presence Server server,
      @Presence Opt opt,
      Server nested,
      @Squash Common common,
      long big,
      double ratio,
      Boolean flag,
      Verbosity verbosity,
      Set<String> tags,
      List<ComponentId> ids,
      Map<String, Named> byName,
      Map<String, Opt> zeros,
      List<Named> list,
      ByteSize size,
      Duration every,
      Secret token,
      Positive positive,
      Empty empty,
      Named maybe) {}

  static final Root DEFAULTS = new Root(
      new Server("localhost:1", 4, true), null, new Server("localhost:2", 8, false),
      new Common("localhost:3", Duration.ofSeconds(5)), 1L, 0.5, null, Verbosity.BASIC, Set.of("d"),
      List.of(ComponentId.of("debug")), Map.of("a", new Named("from-default", 1), "b", new Named("b", 2)), Map.of(),
      List.of(), ByteSize.ofMiB(1), Duration.ofSeconds(1), Secret.EMPTY, new Positive(1), new Empty(), null);

  static Root bind(String yaml) throws ConfigException {
    return ConfigBinder.bind(ConfigSource.of("t.yaml", yaml), Root.class, DEFAULTS, NO_ENV);
  }

  static ConfigException failure(String yaml) {
    return catchThrowableOfType(ConfigException.class, () -> bind(yaml));
  }

  @Test
  void nothingWrittenGivesTheDefaultsWithPresenceBlocksAbsent() throws Exception {
    Root r = bind("");

    assertThat(r).isEqualTo(new Root(null, null, DEFAULTS.nested(), DEFAULTS.common(), 1L, 0.5, null, Verbosity.BASIC,
        Set.of("d"), List.of(ComponentId.of("debug")), DEFAULTS.byName(), Map.of(), List.of(), ByteSize.ofMiB(1),
        Duration.ofSeconds(1), Secret.EMPTY, new Positive(1), new Empty(), null));
  }

  @Test
  void presenceBlockWrittenWithNoValueIsTheDefault() throws Exception {
    assertThat(bind("server:").server()).isEqualTo(new Server("localhost:1", 4, true));
    assertThat(bind("server: {}").server()).isEqualTo(new Server("localhost:1", 4, true));
  }

  @Test
  void presenceBlockBindsTheUsersKeysOverTheDefault() throws Exception {
    assertThat(bind("server: {max_mib: 16}").server()).isEqualTo(new Server("localhost:1", 16, true));
  }

  @Test
  void presenceBlockWithoutDefaultStartsFromZeroValues() throws Exception {
    assertThat(bind("opt:").opt()).isEqualTo(new Opt("", 0, List.of(), Duration.ZERO, null));
    assertThat(bind("opt: {count: 3, server: {enabled: true}}").opt())
        .isEqualTo(new Opt("", 3, List.of(), Duration.ZERO, new Server("", 0, true)));
  }

  @Test
  void nestedBlockWrittenWithNoValueIsTheDefault() throws Exception {
    assertThat(bind("nested:").nested()).isEqualTo(DEFAULTS.nested());
    assertThat(bind("nested: {endpoint: x:1}").nested()).isEqualTo(new Server("x:1", 8, false));
  }

  @Test
  void nestedBlockWhoseDefaultIsNullStaysNullUntilWritten() throws Exception {
    assertThat(bind("").maybe()).isNull();
    assertThat(bind("maybe:").maybe()).isEqualTo(new Named("unnamed", 7));
    assertThat(bind("maybe: {weight: 2}").maybe()).isEqualTo(new Named("unnamed", 2));
  }

  @Test
  void squashedKeysAreWrittenAtTheParentLevel() throws Exception {
    assertThat(bind("endpoint: backend:4317\ntimeout: 2s").common())
        .isEqualTo(new Common("backend:4317", Duration.ofSeconds(2)));
  }

  @Test
  void scalarsConvertFromTheirText() throws Exception {
    Root r = bind("""
        big: "0x10"
        ratio: "1e3"
        flag: True
        verbosity: DETAILED
        size: 1024
        every: 300µs
        token: "12345"
        nested: {max_mib: "8", enabled: "false"}
        """);

    assertThat(r.big()).isEqualTo(16L);
    assertThat(r.ratio()).isEqualTo(1000.0);
    assertThat(r.flag()).isTrue();
    assertThat(r.verbosity()).isEqualTo(Verbosity.DETAILED);
    assertThat(r.size()).isEqualTo(ByteSize.ofBytes(1024));
    assertThat(r.every()).isEqualTo(Duration.ofNanos(300_000));
    assertThat(r.token()).isEqualTo(Secret.of("12345"));
    assertThat(r.nested()).isEqualTo(new Server("localhost:2", 8, false));
  }

  @Test
  void collectionsWrittenReplaceTheDefaultOnes() throws Exception {
    Root r = bind("""
        tags: [b, a, b]
        ids: [otlp/2, debug]
        byName:
        """.replace("byName:", "by_name:\n  a: {weight: 3}\n  c:\n  d: {name: dee}"));

    assertThat(r.tags()).containsExactly("b", "a");
    assertThat(r.ids()).containsExactly(ComponentId.of("otlp", "2"), ComponentId.of("debug"));
    // "a" binds over the default map's "a"; "c" and "d" start from Named.defaults(); "b" is gone
    assertThat(r.byName()).containsExactly(
        Map.entry("a", new Named("from-default", 3)),
        Map.entry("c", new Named("unnamed", 7)),
        Map.entry("d", new Named("dee", 7)));
  }

  @Test
  void recordsInMapsAndListsWithoutDefaultsStartFromZeroValues() throws Exception {
    Root r = bind("zeros: {z: {count: 2}, y:}\nlist: [{weight: 1}, {}]");

    assertThat(r.zeros()).containsExactly(
        Map.entry("z", new Opt("", 2, List.of(), Duration.ZERO, null)),
        Map.entry("y", new Opt("", 0, List.of(), Duration.ZERO, null)));
    assertThat(r.list()).containsExactly(new Named("unnamed", 1), new Named("unnamed", 7));
  }

  @Test
  void reportsEveryBindingProblemWithItsLocation() {
    ConfigException e = failure("""
        big: 1.5
        flag: maybe
        tags: [a, ~]
        ids: [Bad Id]
        positive: {n: -1}
        empty: {x: 1}
        timout: 1s
        server: {max_mib: 1000, endpoint: [a]}
        """);

    assertThat(e.problems()).containsExactly(
        "t.yaml:1:1 big: expected an integer, got '1.5'",
        "t.yaml:2:1 flag: expected true or false, got 'maybe'",
        "t.yaml:3:11 tags[1]: expected a string, got no value",
        "t.yaml:4:7 ids[0]: invalid component type 'Bad Id': must start with a lowercase letter and contain only lowercase letters, digits and '_'",
        "t.yaml:5:1 positive: n must not be negative, got -1",
        "t.yaml:6:9 empty.x: unknown key 'x'; this block takes no keys",
        "t.yaml:7:1 timout: unknown key 'timout'; did you mean 'timeout'?",
        "t.yaml:8:10 server.max_mib: must be at most 100",
        "t.yaml:8:25 server.endpoint: expected a string, got a list");
  }

  @Test
  void listsUnknownKeysValidAlternativesWhenNoneIsClose() {
    assertThat(failure("nested: {port: 1}").getMessage())
        .isEqualTo("t.yaml:1:10 nested.port: unknown key 'port'; valid keys are: enabled, endpoint, max_mib");
  }

  @Test
  void neverEchoesAValueMeantForASecret() {
    ConfigException e = failure("token: [hunter2]\n");

    assertThat(e.getMessage()).isEqualTo("t.yaml:1:1 token: expected a string, got a list");
  }

  @Test
  void snakeCaseOfRecordComponentNames() {
    assertThat(KeyPaths.snakeCase("sendBatchSize")).isEqualTo("send_batch_size");
    assertThat(KeyPaths.snakeCase("tlsCAFile")).isEqualTo("tls_ca_file");
    assertThat(KeyPaths.snakeCase("http2Enabled")).isEqualTo("http2_enabled");
    assertThat(KeyPaths.snakeCase("endpoint")).isEqualTo("endpoint");
    assertThat(KeyPaths.snakeCase("maxRecvMsgSizeMiB")).isEqualTo("max_recv_msg_size_mi_b"); // hence @ConfigKey
  }
}
