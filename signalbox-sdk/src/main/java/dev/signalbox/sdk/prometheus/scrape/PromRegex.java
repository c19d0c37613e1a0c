package dev.signalbox.sdk.prometheus.scrape;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A relabeling regular expression as Prometheus compiles it: anchored at both ends
 * ({@code ^(?:regex)$}). The syntax is Java's, which agrees with Go's RE2 on what relabeling
 * configs use (classes, groups, alternation, repetition, {@code (?i)}); RE2's named groups
 * {@code (?P<name>...)} are accepted and mean {@code (?<name>...)}. Immutable and thread-safe.
 */
public final class PromRegex {
  /** Prometheus' default, {@code (.*)}. */
  public static final PromRegex DEFAULT = compile("(.*)");

  private final String source;
  private final Pattern pattern;

  private PromRegex(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /**
   * Compiles {@code regex} anchored.
   *
   * @throws IllegalArgumentException with the reason when it does not compile
   */
  public static PromRegex compile(String regex) {
    String java = regex.replace("(?P<", "(?<");
    try {
      return new PromRegex(regex, Pattern.compile("^(?:" + java + ")$", Pattern.DOTALL));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression \"" + regex + "\": " + e.getDescription());
    }
  }

  /** The regex as written in config. */
  public String source() {
    return source;
  }

  public boolean matches(String s) {
    return pattern.matcher(s).matches();
  }

  /** A matcher that has matched {@code s}, or null. */
  public Matcher match(String s) {
    Matcher m = pattern.matcher(s);
    return m.matches() ? m : null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromRegex r && source.equals(r.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
