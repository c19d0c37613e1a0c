package dev.signalbox.sdk.prometheus.scrape;

import static dev.signalbox.sdk.prometheus.scrape.ExpositionFormat.OPENMETRICS;
import static dev.signalbox.sdk.prometheus.scrape.ExpositionFormat.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

  static Exposition text(String s) throws ExpositionParseException {
    return ExpositionParser.parse(s, TEXT);
  }

  static Exposition om(String s) throws ExpositionParseException {
    return ExpositionParser.parse(s, OPENMETRICS);
  }

  @Test
  void textFormatSamplesHelpTypeAndComments() throws Exception {
    Exposition e = text("""
        # A plain comment
        # HELP http_requests_total The total number of HTTP requests.
        # TYPE http_requests_total counter
        http_requests_total{method="post",code="200"} 1027 1395066363000
        http_requests_total{method="post",code="400"}    3 1395066363000

        #another comment without a space
        # TYPE rpc_duration_seconds summary
        rpc_duration_seconds{quantile="0.5"} 4773
        rpc_duration_seconds_sum 1.7560473e+07
        rpc_duration_seconds_count 2693
        metric_without_timestamp_and_labels 12.47
        """);
    assertThat(e.samples()).containsExactly(
        new Sample(Labels.of("__name__", "http_requests_total", "method", "post", "code", "200"), 1027,
            1395066363000L, null),
        new Sample(Labels.of("__name__", "http_requests_total", "method", "post", "code", "400"), 3,
            1395066363000L, null),
        new Sample(Labels.of("__name__", "rpc_duration_seconds", "quantile", "0.5"), 4773),
        new Sample(Labels.of("__name__", "rpc_duration_seconds_sum"), 1.7560473e+07),
        new Sample(Labels.of("__name__", "rpc_duration_seconds_count"), 2693),
        new Sample(Labels.of("__name__", "metric_without_timestamp_and_labels"), 12.47));
    assertThat(e.metadata()).containsExactly(
        java.util.Map.entry("http_requests_total",
            new FamilyMetadata("http_requests_total", PromType.COUNTER, "The total number of HTTP requests.", "")),
        java.util.Map.entry("rpc_duration_seconds",
            new FamilyMetadata("rpc_duration_seconds", PromType.SUMMARY, "", "")));
  }

  @Test
  void textFormatEscapesInHelpAndLabelValues() throws Exception {
    Exposition e = text("""
        # HELP msdos_file_access_time_seconds Path with \\\\ and a\\nnewline and a \\"quote\\"
        # TYPE msdos_file_access_time_seconds gauge
        msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\"",odd="a\\tb"} 1.458255915e9
        """);
    Sample s = e.samples().get(0);
    assertThat(s.labels().get("path")).isEqualTo("C:\\DIR\\FILE.TXT");
    assertThat(s.labels().get("error")).isEqualTo("Cannot find file:\n\"FILE.TXT\"");
    assertThat(s.labels().get("odd")).as("unknown escapes are kept").isEqualTo("a\\tb");
    assertThat(e.metadata().get("msdos_file_access_time_seconds").help())
        .as("the text format unescapes only \\\\ and \\n in HELP")
        .isEqualTo("Path with \\ and a\nnewline and a \\\"quote\\\"");
  }

  @Test
  void textFormatToleratesTabsTrailingCommaCrlfAndUntyped() throws Exception {
    Exposition e = text("# TYPE a untyped\r\na\t{x=\"1\",} \t 2\r\n  b 3  \n");
    assertThat(e.samples()).containsExactly(new Sample(Labels.of("__name__", "a", "x", "1"), 2),
        new Sample(Labels.of("__name__", "b"), 3));
    assertThat(e.metadata().get("a").type()).isEqualTo(PromType.UNKNOWN);
  }

  @Test
  void specialValuesAsGoParsesThem() throws Exception {
    Exposition e = text("a NaN\nb +Inf\nc -Inf\nd Inf\ne 0x1p-2\nf -1.5E3\ng .5\nh inf\n");
    List<Double> v = e.samples().stream().map(Sample::value).toList();
    assertThat(v.get(0)).isNaN();
    assertThat(v.subList(1, 8)).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.POSITIVE_INFINITY, 0.25, -1500.0, 0.5, Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> text("a 1.0d\n")).hasMessage("line 1: invalid value of a: '1.0d' is not a number");
    assertThatThrownBy(() -> text("a +NaN\n")).hasMessageContaining("'+NaN' is not a number");
  }

  @Test
  void histogramsInBothFormats() throws Exception {
    Exposition t = text("""
        # HELP http_request_duration_seconds A histogram of the request duration.
        # TYPE http_request_duration_seconds histogram
        http_request_duration_seconds_bucket{le="0.05"} 24054
        http_request_duration_seconds_bucket{le="+Inf"} 144320
        http_request_duration_seconds_sum 53423
        http_request_duration_seconds_count 144320
        """);
    assertThat(t.samples()).hasSize(4);
    assertThat(t.samples().get(1).labels().get("le")).isEqualTo("+Inf");
    assertThat(t.metadata().get("http_request_duration_seconds").type()).isEqualTo(PromType.HISTOGRAM);
  }

  @Test
  void openMetricsUnitsTimestampsInSecondsCreatedAndExemplars() throws Exception {
    Exposition e = om("""
        # TYPE foo_seconds counter
        # UNIT foo_seconds seconds
        # HELP foo_seconds Time spent in \\"foo\\".
        foo_seconds_total{a="b"} 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67 1520879602.5
        foo_seconds_created{a="b"} 1520430000.123
        # TYPE hist histogram
        hist_bucket{le="1"} 0 # {span_id="00f067aa0ba902b7"} 0.5
        hist_bucket{le="+Inf"} 3
        hist_count 3
        hist_sum 4.5
        # EOF
        """);
    assertThat(e.metadata().get("foo_seconds"))
        .isEqualTo(new FamilyMetadata("foo_seconds", PromType.COUNTER, "Time spent in \"foo\".", "seconds"));
    Sample s = e.samples().get(0);
    assertThat(s.timestampMillis()).isEqualTo(1520879607789L);
    assertThat(s.exemplar()).isEqualTo(new PromExemplar(Labels.of("trace_id", "KOO5S4vxi0o"), 0.67, 1520879602500L));
    assertThat(e.samples().get(1).value()).isEqualTo(1520430000.123);
    assertThat(e.samples().get(2).exemplar())
        .isEqualTo(new PromExemplar(Labels.of("span_id", "00f067aa0ba902b7"), 0.5, Sample.NO_TIMESTAMP));
    assertThat(e.samples()).hasSize(6);
  }

  @Test
  void openMetricsTypes() throws Exception {
    Exposition e = om("""
        # TYPE a info
        a_info{v="1"} 1
        # TYPE b stateset
        b{b="x"} 1
        # TYPE c gaugehistogram
        c_bucket{le="+Inf"} 1
        c_gcount 1
        # TYPE d unknown
        d 1
        # EOF
        """);
    assertThat(e.metadata().values()).extracting(FamilyMetadata::type)
        .containsExactly(PromType.INFO, PromType.STATESET, PromType.GAUGEHISTOGRAM, PromType.UNKNOWN);
    assertThatThrownBy(() -> text("# TYPE a info\n")).hasMessage(
        "line 1: invalid metric type 'info' for a; expected one of counter, gauge, histogram, summary, untyped");
    assertThatThrownBy(() -> om("# TYPE a untyped\n# EOF\n")).hasMessageContaining("invalid metric type 'untyped'");
  }

  @Test
  void openMetricsRequiresEofAndNothingAfterIt() {
    assertThatThrownBy(() -> om("a 1\n")).isInstanceOf(ExpositionParseException.class)
        .hasMessage("OpenMetrics body does not end with # EOF");
    assertThatThrownBy(() -> om("a 1\n# EOF\nb 2\n")).hasMessage("line 3: unexpected content after # EOF");
    assertThatThrownBy(() -> om("a 1\n\n# EOF\n")).hasMessage("line 2: unexpected empty line");
    assertThatThrownBy(() -> om("# a comment\n# EOF\n")).hasMessageStartingWith("line 1: invalid comment");
  }

  @Test
  void garbageFailsWithTheLineAndWhatIsWrong() {
    assertThatThrownBy(() -> text("ok 1\n<html><body>oops</body></html>\n"))
        .hasMessage("line 2: expected a metric name, got '<html><body>oops</body></html>'");
    assertThatThrownBy(() -> text("a{b=\"1\" 2\n"))
        .hasMessage("line 1: expected ',' or '}' after the value of label b in a, got '2'");
    assertThatThrownBy(() -> text("a{b=1} 2\n"))
        .hasMessage("line 1: expected a quoted value for label b in a, got '1} 2'");
    assertThatThrownBy(() -> text("a{b=\"1\n")).hasMessage("line 1: unterminated value of label b in a (missing '\"')");
    assertThatThrownBy(() -> text("a\n")).hasMessage("line 1: expected a space before the value of a, got end of line");
    assertThatThrownBy(() -> text("a 1 abc\n"))
        .hasMessage("line 1: invalid timestamp of a: 'abc' is not an integer number of milliseconds");
    assertThatThrownBy(() -> text("a 1 2 3\n")).hasMessage("line 1: unexpected '3' after the value of a");
    assertThatThrownBy(() -> text("a{x=\"1\",x=\"2\"} 1\n")).hasMessage("line 1: label name \"x\" is not unique in a");
    assertThatThrownBy(() -> text("a 1 # {t=\"x\"} 1\n"))
        .as("exemplars are OpenMetrics only").hasMessageContaining("after the value of a");
    assertThatThrownBy(() -> ExpositionParser.parse(new byte[] {'a', ' ', (byte) 0xff, '\n'}, TEXT))
        .hasMessage("body is not valid UTF-8");
  }

  @Test
  void bytesAreUtf8() throws Exception {
    Exposition e = ExpositionParser.parse("a{city=\"Zürich\"} 1\n".getBytes(StandardCharsets.UTF_8), TEXT);
    assertThat(e.samples().get(0).labels().get("city")).isEqualTo("Zürich");
  }

  @Test
  void emptyLabelValuesMeanNoLabel() throws Exception {
    assertThat(text("a{x=\"\",y=\"1\"} 1\n").samples().get(0).labels()).isEqualTo(Labels.of("__name__", "a", "y", "1"));
  }

  @Test
  void contentTypeChoosesTheFormat() {
    assertThat(ExpositionFormat.forContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"))
        .isEqualTo(OPENMETRICS);
    assertThat(ExpositionFormat.forContentType("text/plain; version=0.0.4; charset=utf-8")).isEqualTo(TEXT);
    assertThat(ExpositionFormat.forContentType("application/json")).isEqualTo(TEXT);
    assertThat(ExpositionFormat.forContentType(null)).isEqualTo(TEXT);
  }
}
