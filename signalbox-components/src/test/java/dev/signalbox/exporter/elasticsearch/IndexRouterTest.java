package dev.signalbox.exporter.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signalbox.exporter.elasticsearch.ElasticsearchExporterConfig.LogstashFormat;
import dev.signalbox.pdata.AnyValue;
import dev.signalbox.pdata.KeyValue;
import dev.signalbox.pdata.LogRecord;
import dev.signalbox.pdata.Logs;
import dev.signalbox.pdata.ResourceLogs;
import dev.signalbox.pdata.ScopeLogs;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexRouterTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-07T09:05:03Z"), ZoneOffset.UTC);
  static final LogstashFormat OFF = new LogstashFormat(false, "-", "%Y.%m.%d");

  final ResourceLogs rl = new Logs().resourceLogs().addNew();
  final ScopeLogs sl = rl.scopeLogs().addNew();
  final LogRecord r = sl.logRecords().addNew();

  IndexRouter.Route route(boolean dynamic, boolean otel, LogstashFormat ls) {
    return new IndexRouter("logs-generic-default", dynamic, "logs", otel, ls, CLOCK)
        .route(r.attributes(), sl.scope().attributes(), rl.resource().attributes(), sl.scope().name());
  }

  @Test
  void staticIndexWhenDynamicRoutingIsOff() {
    r.attributes().put("data_stream.dataset", "nginx");

    assertThat(route(false, false, OFF)).isEqualTo(new IndexRouter.Route("logs-generic-default", List.of()));
  }

  @Test
  void dataStreamAttributesRecordBeforeScopeBeforeResource() {
    rl.resource().attributes().put("data_stream.dataset", "res").put("data_stream.namespace", "prod");
    sl.scope().attributes().put("data_stream.dataset", "scope");
    r.attributes().put("data_stream.dataset", "nginx");

    assertThat(route(true, false, OFF)).isEqualTo(new IndexRouter.Route("logs-nginx-prod", List.of(
        new KeyValue("data_stream.dataset", AnyValue.of("nginx")),
        new KeyValue("data_stream.namespace", AnyValue.of("prod")),
        new KeyValue("data_stream.type", AnyValue.of("logs")))));
  }

  @Test
  void otelModeAddsTheOtelSuffixToTheDataset() {
    assertThat(route(true, true, OFF).index()).isEqualTo("logs-generic.otel-default");
  }

  @Test
  void prefixAndSuffixWrapTheStaticIndexResourceFirst() {
    rl.resource().attributes().put("elasticsearch.index.prefix", "team-a-");
    r.attributes().put("elasticsearch.index.prefix", "ignored-").put("elasticsearch.index.suffix", "-eu");

    IndexRouter.Route route = route(true, false, OFF);

    assertThat(route.index()).isEqualTo("team-a-logs-generic-default-eu");
    assertThat(route.extra()).isEmpty();
  }

  @Test
  void receiverScopesGiveTheirDataset() {
    sl.scope().setName("github.com/open-telemetry/opentelemetry-collector-contrib/receiver/hostmetricsreceiver/internal/scraper/cpuscraper");

    assertThat(route(true, false, OFF).index()).isEqualTo("logs-hostmetricsreceiver-default");
  }

  @Test
  void logstashFormatAppendsTheCurrentUtcDate() {
    assertThat(route(false, false, new LogstashFormat(true, "-", "%Y.%m.%d")).index())
        .isEqualTo("logs-generic-default-2026.03.07");
    assertThat(route(false, false, new LogstashFormat(true, "_", "%Y-%m-%dT%H:%M:%S %j %b %a %%")).index())
        .isEqualTo("logs-generic-default_2026-03-07T09:05:03 066 Mar Sat %");
  }

  @Test
  void strftimeCoversTheCommonSpecifiers() {
    ZonedDateTime t = ZonedDateTime.of(2026, 1, 4, 15, 7, 9, 0, ZoneOffset.UTC);

    assertThat(Strftime.format("%y|%C|%e|%I|%l|%p|%B|%A|%u|%w|%V|%G|%F|%D|%T|%R|%z|%q", t))
        .isEqualTo("26|20| 4|03| 3|PM|January|Sunday|7|0|01|2026|2026-01-04|01/04/26|15:07:09|15:07|+0000|%q");
  }
}
