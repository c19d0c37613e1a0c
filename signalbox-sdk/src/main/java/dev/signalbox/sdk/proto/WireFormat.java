package dev.signalbox.sdk.proto;

/** Protobuf wire-format constants and small pure helpers shared by {@link ProtoReader} and {@link ProtoWriter}. */
public final class WireFormat {
  public static final int VARINT = 0;
  public static final int I64 = 1;
  public static final int LEN = 2;
  public static final int SGROUP = 3;
  public static final int EGROUP = 4;
  public static final int I32 = 5;

  /** The largest field number protobuf allows (2^29 - 1). */
  public static final int MAX_FIELD_NUMBER = (1 << 29) - 1;

  private WireFormat() {}

  public static int tag(int fieldNumber, int wireType) {
    return fieldNumber << 3 | wireType;
  }

  public static int fieldNumber(int tag) {
    return tag >>> 3;
  }

  public static int wireType(int tag) {
    return tag & 7;
  }

  /** Bytes of {@code value} as an unsigned varint (1 to 10). */
  public static int varintSize(long value) {
    return (640 - Long.numberOfLeadingZeros(value) * 9) >>> 6;
  }

  /** Bytes of {@code value} as an unsigned 32-bit varint (1 to 5). */
  public static int varintSize32(int value) {
    return (352 - Integer.numberOfLeadingZeros(value) * 9) >>> 6;
  }

  public static int encodeZigZag32(int n) {
    return (n << 1) ^ (n >> 31);
  }

  public static long encodeZigZag64(long n) {
    return (n << 1) ^ (n >> 63);
  }

  public static int decodeZigZag32(int n) {
    return (n >>> 1) ^ -(n & 1);
  }

  public static long decodeZigZag64(long n) {
    return (n >>> 1) ^ -(n & 1);
  }

  /** "VARINT", "I64", "LEN", "SGROUP", "EGROUP", "I32" or the number for the invalid 6 and 7. */
  public static String wireTypeName(int wireType) {
    return switch (wireType) {
      case VARINT -> "VARINT";
      case I64 -> "I64";
      case LEN -> "LEN";
      case SGROUP -> "SGROUP";
      case EGROUP -> "EGROUP";
      case I32 -> "I32";
      default -> Integer.toString(wireType);
    };
  }
}
