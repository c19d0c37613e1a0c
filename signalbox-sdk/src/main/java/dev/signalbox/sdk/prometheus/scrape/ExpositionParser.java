package dev.signalbox.sdk.prometheus.scrape;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a scrape body in the text format 0.0.4 or OpenMetrics 1.0 into samples and family
 * metadata. Stateless and thread-safe.
 *
 * <p>What it accepts, as Prometheus 2.42's parsers do:
 * <ul>
 *   <li>Text 0.0.4: {@code # HELP name text} (escapes {@code \\} and {@code \n}),
 *       {@code # TYPE name counter|gauge|histogram|summary|untyped}, other {@code #} lines are
 *       comments; samples {@code name{label="value",...} value [timestamp-ms]} with spaces or tabs
 *       between tokens, a trailing comma in the label set, blank lines anywhere.
 *   <li>OpenMetrics 1.0: also {@code # UNIT name unit}, the types {@code gaugehistogram},
 *       {@code info}, {@code stateset} and {@code unknown}, HELP escapes {@code \"}, timestamps in
 *       (fractional) seconds, exemplars ({@code ... # {trace_id="..."} 1.5 [timestamp]}), and the
 *       mandatory final {@code # EOF}. Blank lines, other comments and anything after
 *       {@code # EOF} are errors.
 *   <li>Values as Go's {@code ParseFloat} reads them: decimal and hex floats, {@code NaN},
 *       {@code +Inf}/{@code -Inf}/{@code Inf} (any case). Label values escape {@code \\},
 *       {@code \"} and {@code \n}; other backslashes are kept as written.
 * </ul>
 * A sample with a repeated label name, invalid UTF-8, or any syntax error fails the whole body with
 * an {@link ExpositionParseException} naming the line, as a Prometheus scrape fails.
 */
public final class ExpositionParser {
  private ExpositionParser() {}

  /** Parses {@code body} (UTF-8) in {@code format}. */
  public static Exposition parse(byte[] body, ExpositionFormat format) throws ExpositionParseException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
    } catch (CharacterCodingException e) {
      throw new ExpositionParseException(0, "body is not valid UTF-8");
    }
    return parse(text, format);
  }

  /** Parses {@code text} in {@code format}. */
  public static Exposition parse(String text, ExpositionFormat format) throws ExpositionParseException {
    return new Run(text, format).run();
  }

  private static final class Run {
    private final String text;
    private final ExpositionFormat format;
    private final boolean om;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, FamilyMetadata> metadata = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>(8);
    private final List<String> values = new ArrayList<>(8);
    private String line;
    private int pos;
    private int lineNo;

    Run(String text, ExpositionFormat format) {
      this.text = text;
      this.format = format;
      this.om = format == ExpositionFormat.OPENMETRICS;
    }

    Exposition run() throws ExpositionParseException {
      int start = 0;
      boolean eof = false;
      int n = text.length();
      while (start < n) {
        int end = text.indexOf('\n', start);
        if (end < 0) {
          end = n;
        }
        lineNo++;
        line = text.substring(start, end);
        start = end + 1;
        pos = 0;
        if (eof) {
          throw error("unexpected content after # EOF");
        }
        if (!om && line.endsWith("\r")) {
          line = line.substring(0, line.length() - 1);
        }
        if (om) {
          if (line.equals("# EOF")) {
            eof = true;
            continue;
          }
          if (line.isEmpty()) {
            throw error("unexpected empty line");
          }
        } else {
          skipBlanks();
          if (pos == line.length()) {
            continue;
          }
        }
        if (line.charAt(pos) == '#') {
          comment();
        } else {
          sample();
        }
      }
      if (om && !eof) {
        throw new ExpositionParseException(0, "OpenMetrics body does not end with # EOF");
      }
      return new Exposition(format, samples, metadata);
    }

    private void comment() throws ExpositionParseException {
      pos++; // '#'
      if (!om && (pos == line.length() || !isBlank(line.charAt(pos)))) {
        return; // "#foo": a plain comment
      }
      if (om) {
        expect(' ');
      } else {
        skipBlanks();
      }
      int kwStart = pos;
      while (pos < line.length() && !isBlank(line.charAt(pos))) {
        pos++;
      }
      String keyword = line.substring(kwStart, pos);
      if (!keyword.equals("HELP") && !keyword.equals("TYPE") && !(om && keyword.equals("UNIT"))) {
        if (om) {
          throw error("invalid comment: OpenMetrics allows only # HELP, # TYPE, # UNIT and # EOF, got '"
              + abbreviate(line) + "'");
        }
        return;
      }
      if (om) {
        expect(' ');
      } else {
        requireBlank("after # " + keyword);
        skipBlanks();
      }
      String name = metricName();
      if (name.isEmpty()) {
        throw error("expected a metric name after # " + keyword + ", got " + describeHere());
      }
      String rest;
      if (pos == line.length()) {
        rest = "";
      } else {
        if (om) {
          expect(' ');
        } else {
          requireBlank("after the metric name in # " + keyword);
          skipBlanks();
        }
        rest = line.substring(pos);
      }
      FamilyMetadata md = metadata.getOrDefault(name, FamilyMetadata.unknown(name));
      switch (keyword) {
        case "HELP" -> metadata.put(name, md.withHelp(unescapeHelp(rest)));
        case "TYPE" -> {
          String word = om ? rest : rest.strip();
          PromType t = PromType.parse(word, format);
          if (t == null) {
            throw error("invalid metric type '" + abbreviate(word) + "' for " + name + "; expected one of "
                + (om ? "counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown"
                    : "counter, gauge, histogram, summary, untyped"));
          }
          metadata.put(name, md.withType(t));
        }
        default -> metadata.put(name, md.withUnit(rest));
      }
    }

    private String unescapeHelp(String s) {
      if (s.indexOf('\\') < 0) {
        return s;
      }
      StringBuilder b = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\\' && i + 1 < s.length()) {
          char e = s.charAt(i + 1);
          if (e == '\\' || e == 'n' || (om && e == '"')) {
            b.append(e == 'n' ? '\n' : e);
            i++;
            continue;
          }
        }
        b.append(c);
      }
      return b.toString();
    }

    private void sample() throws ExpositionParseException {
      String name = metricName();
      if (name.isEmpty()) {
        throw error("expected a metric name, got " + describeHere());
      }
      names.clear();
      values.clear();
      names.add(Labels.METRIC_NAME);
      values.add(name);
      boolean blank = false;
      if (!om) {
        int before = pos;
        skipBlanks();
        blank = pos > before;
      }
      if (pos < line.length() && line.charAt(pos) == '{') {
        labelSet(name);
        blank = false;
      }
      Labels labels;
      try {
        labels = Labels.ofUnique(names, values);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage() + " in " + name);
      }
      if (om) {
        expect(' ');
      } else {
        if (!blank) {
          requireBlank("before the value of " + name);
        }
        skipBlanks();
      }
      String valueToken = token();
      if (valueToken.isEmpty()) {
        throw error("expected a value for " + name + ", got " + describeHere());
      }
      double value = parseValue(valueToken, "value of " + name);
      long ts = Sample.NO_TIMESTAMP;
      PromExemplar exemplar = null;
      if (pos < line.length()) {
        if (om) {
          expect(' ');
        } else {
          skipBlanks();
        }
        if (pos < line.length() && line.charAt(pos) != '#') {
          String tsToken = token();
          ts = om ? secondsToMillis(tsToken, "timestamp of " + name) : parseMillis(tsToken, name);
          if (pos < line.length()) {
            if (om) {
              expect(' ');
            } else {
              skipBlanks();
            }
          }
        }
        if (pos < line.length()) {
          if (!om) {
            throw error("unexpected '" + abbreviate(line.substring(pos)) + "' after the value of " + name);
          }
          exemplar = exemplar(name);
        }
      }
      samples.add(new Sample(labels, value, ts, exemplar));
    }

    private PromExemplar exemplar(String name) throws ExpositionParseException {
      expect('#');
      expect(' ');
      if (pos >= line.length() || line.charAt(pos) != '{') {
        throw error("expected '{' to start the exemplar of " + name + ", got " + describeHere());
      }
      names.clear();
      values.clear();
      labelSet(name + "'s exemplar");
      Labels el;
      try {
        el = Labels.ofUnique(names, values);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage() + " in the exemplar of " + name);
      }
      expect(' ');
      String v = token();
      if (v.isEmpty()) {
        throw error("expected the exemplar value of " + name + ", got " + describeHere());
      }
      double value = parseValue(v, "exemplar value of " + name);
      long ts = Sample.NO_TIMESTAMP;
      if (pos < line.length()) {
        expect(' ');
        ts = secondsToMillis(token(), "exemplar timestamp of " + name);
      }
      if (pos < line.length()) {
        throw error("unexpected '" + abbreviate(line.substring(pos)) + "' after the exemplar of " + name);
      }
      return new PromExemplar(el, value, ts);
    }

    /** At '{': reads label pairs into names/values up to and including '}'. */
    private void labelSet(String what) throws ExpositionParseException {
      pos++; // '{'
      while (true) {
        skipBlanksIfText();
        if (pos >= line.length()) {
          throw error("unterminated label set of " + what + " (missing '}')");
        }
        if (line.charAt(pos) == '}') {
          pos++;
          return;
        }
        int s = pos;
        if (!isLabelStart(line.charAt(pos))) {
          throw error("expected a label name in " + what + ", got " + describeHere());
        }
        while (pos < line.length() && isLabelChar(line.charAt(pos))) {
          pos++;
        }
        String label = line.substring(s, pos);
        skipBlanksIfText();
        if (pos >= line.length() || line.charAt(pos) != '=') {
          throw error("expected '=' after label name " + label + " in " + what + ", got " + describeHere());
        }
        pos++;
        skipBlanksIfText();
        if (pos >= line.length() || line.charAt(pos) != '"') {
          throw error("expected a quoted value for label " + label + " in " + what + ", got " + describeHere());
        }
        pos++;
        names.add(label);
        values.add(labelValue(label, what));
        skipBlanksIfText();
        if (pos >= line.length()) {
          throw error("unterminated label set of " + what + " (missing '}')");
        }
        char c = line.charAt(pos);
        if (c == ',') {
          pos++;
        } else if (c != '}') {
          throw error("expected ',' or '}' after the value of label " + label + " in " + what + ", got "
              + describeHere());
        }
      }
    }

    private String labelValue(String label, String what) throws ExpositionParseException {
      StringBuilder b = null;
      int s = pos;
      while (pos < line.length()) {
        char c = line.charAt(pos);
        if (c == '"') {
          String v = b == null ? line.substring(s, pos) : b.append(line, s, pos).toString();
          pos++;
          return v;
        }
        if (c == '\\' && pos + 1 < line.length()) {
          char e = line.charAt(pos + 1);
          if (e == '\\' || e == '"' || e == 'n') {
            if (b == null) {
              b = new StringBuilder();
            }
            b.append(line, s, pos).append(e == 'n' ? '\n' : e);
            pos += 2;
            s = pos;
            continue;
          }
        }
        pos++;
      }
      throw error("unterminated value of label " + label + " in " + what + " (missing '\"')");
    }

    private String metricName() {
      int s = pos;
      if (pos < line.length() && isNameStart(line.charAt(pos))) {
        pos++;
        while (pos < line.length() && isNameChar(line.charAt(pos))) {
          pos++;
        }
      }
      return line.substring(s, pos);
    }

    private String token() {
      int s = pos;
      while (pos < line.length() && !isBlank(line.charAt(pos))) {
        pos++;
      }
      return line.substring(s, pos);
    }

    private double parseValue(String token, String what) throws ExpositionParseException {
      try {
        return GoFloat.parse(token);
      } catch (NumberFormatException e) {
        throw error("invalid " + what + ": '" + abbreviate(token) + "' is not a number");
      }
    }

    private long parseMillis(String token, String name) throws ExpositionParseException {
      try {
        return Long.parseLong(token.startsWith("+") ? token.substring(1) : token);
      } catch (NumberFormatException e) {
        throw error("invalid timestamp of " + name + ": '" + abbreviate(token)
            + "' is not an integer number of milliseconds");
      }
    }

    private long secondsToMillis(String token, String what) throws ExpositionParseException {
      double s = parseValue(token, what);
      if (Double.isNaN(s) || Double.isInfinite(s)) {
        throw error("invalid " + what + ": " + token);
      }
      return Math.round(s * 1000.0);
    }

    private void skipBlanks() {
      while (pos < line.length() && isBlank(line.charAt(pos))) {
        pos++;
      }
    }

    private void skipBlanksIfText() {
      if (!om) {
        skipBlanks();
      }
    }

    private void requireBlank(String where) throws ExpositionParseException {
      if (pos >= line.length() || !isBlank(line.charAt(pos))) {
        throw error("expected a space " + where + ", got " + describeHere());
      }
    }

    private void expect(char c) throws ExpositionParseException {
      if (pos >= line.length() || line.charAt(pos) != c) {
        throw error("expected " + (c == ' ' ? "a single space" : "'" + c + "'") + ", got " + describeHere());
      }
      pos++;
    }

    private String describeHere() {
      return pos >= line.length() ? "end of line" : "'" + abbreviate(line.substring(pos)) + "'";
    }

    private ExpositionParseException error(String message) {
      return new ExpositionParseException(lineNo, message);
    }
  }

  static String abbreviate(String s) {
    StringBuilder b = new StringBuilder();
    int limit = Math.min(s.length(), 40);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (s.length() > limit) {
      b.append("...");
    }
    return b.toString();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  static boolean isNameStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
  }

  static boolean isNameChar(char c) {
    return isNameStart(c) || c >= '0' && c <= '9';
  }

  static boolean isLabelStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  static boolean isLabelChar(char c) {
    return isLabelStart(c) || c >= '0' && c <= '9';
  }

  /** True for a valid metric name {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  public static boolean isValidMetricName(String s) {
    if (s.isEmpty() || !isNameStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True for a valid label name {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  public static boolean isValidLabelName(String s) {
    if (s.isEmpty() || !isLabelStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isLabelChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
