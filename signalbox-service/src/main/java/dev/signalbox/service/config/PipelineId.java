package dev.signalbox.service.config;

import dev.signalbox.pdata.Signal;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A pipeline id as written under {@code service.pipelines}: {@code signal} or {@code signal/name},
 * where the signal is {@code traces}, {@code metrics}, {@code logs} or {@code profiles}.
 *
 * @param name the part after {@code /}, empty when there is none
 */
public record PipelineId(Signal<?> signal, String name) implements Comparable<PipelineId> {
  public PipelineId {
    Objects.requireNonNull(signal, "signal");
    name = name == null ? "" : name;
  }

  /** Parses {@code signal[/name]}; throws IllegalArgumentException with the message to show the user. */
  public static PipelineId parse(String id) {
    int slash = id.indexOf('/');
    String signalName = slash < 0 ? id : id.substring(0, slash);
    String name = slash < 0 ? "" : id.substring(slash + 1);
    Signal<?> signal = Signal.byName(signalName);
    if (signal == null) {
      var names = Signal.all().stream().map(Signal::name).toList();
      throw new IllegalArgumentException("unknown signal '" + signalName + "' in pipeline id '" + id + "'"
          + orSemicolon(Suggestions.didYouMean(signalName, names)) + " expected one of: "
          + names.stream().collect(Collectors.joining(", ")));
    }
    if (slash >= 0 && name.isEmpty()) {
      throw new IllegalArgumentException("invalid pipeline id '" + id + "': the name after '/' must not be empty");
    }
    if (name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("invalid pipeline id '" + id + "': the name must not contain whitespace");
    }
    return new PipelineId(signal, name);
  }

  private static String orSemicolon(String hint) {
    return hint.isEmpty() ? ";" : hint;
  }

  @Override
  public int compareTo(PipelineId o) {
    return toString().compareTo(o.toString());
  }

  @Override
  public String toString() {
    return name.isEmpty() ? signal.name() : signal.name() + "/" + name;
  }
}
