package dev.signalbox.sdk.proto;

import java.util.Arrays;

/**
 * The fields a decoder knows in one message type: name and expected wire type by field number.
 * {@link ProtoReader#skipUnknown} uses it to reject a known field that arrives with the wrong wire
 * type while skipping fields the decoder does not know. Immutable.
 */
public final class KnownFields {
  private final String[] names;
  private final int[] wireTypes;

  private KnownFields(String[] names, int[] wireTypes) {
    this.names = names;
    this.wireTypes = wireTypes;
  }

  /**
   * @param triples name, field number, wire type; repeated, e.g.
   *     {@code of("name", 1, WireFormat.LEN, "kind", 6, WireFormat.VARINT)}
   */
  public static KnownFields of(Object... triples) {
    if (triples.length % 3 != 0) {
      throw new IllegalArgumentException("expected (name, number, wire type) triples");
    }
    int max = 0;
    for (int i = 1; i < triples.length; i += 3) {
      max = Math.max(max, (Integer) triples[i]);
    }
    String[] names = new String[max + 1];
    int[] wts = new int[max + 1];
    Arrays.fill(wts, -1);
    for (int i = 0; i < triples.length; i += 3) {
      int n = (Integer) triples[i + 1];
      if (names[n] != null) {
        throw new IllegalArgumentException("field " + n + " declared twice");
      }
      names[n] = (String) triples[i];
      wts[n] = (Integer) triples[i + 2];
    }
    return new KnownFields(names, wts);
  }

  /** The field's name, or null when the number is not known. */
  public String name(int fieldNumber) {
    return fieldNumber > 0 && fieldNumber < names.length ? names[fieldNumber] : null;
  }

  /** The field's expected wire type, or -1 when the number is not known. */
  public int wireType(int fieldNumber) {
    return fieldNumber > 0 && fieldNumber < names.length ? wireTypes[fieldNumber] : -1;
  }
}
