package dev.signalbox.sdk.otlp;

/**
 * Field tags by number and wire type, for {@code switch} in the decoders: {@code LEN_9} is field 9
 * with wire type LEN. The field's name is in a comment at each use and in {@link OtlpSchema}.
 */
final class Tag {
  private Tag() {}

  static final int VARINT_1 = 1 << 3 | 0;
  static final int I64_1 = 1 << 3 | 1;
  static final int LEN_1 = 1 << 3 | 2;
  static final int I32_1 = 1 << 3 | 5;
  static final int VARINT_2 = 2 << 3 | 0;
  static final int I64_2 = 2 << 3 | 1;
  static final int LEN_2 = 2 << 3 | 2;
  static final int I32_2 = 2 << 3 | 5;
  static final int VARINT_3 = 3 << 3 | 0;
  static final int I64_3 = 3 << 3 | 1;
  static final int LEN_3 = 3 << 3 | 2;
  static final int I32_3 = 3 << 3 | 5;
  static final int VARINT_4 = 4 << 3 | 0;
  static final int I64_4 = 4 << 3 | 1;
  static final int LEN_4 = 4 << 3 | 2;
  static final int I32_4 = 4 << 3 | 5;
  static final int VARINT_5 = 5 << 3 | 0;
  static final int I64_5 = 5 << 3 | 1;
  static final int LEN_5 = 5 << 3 | 2;
  static final int I32_5 = 5 << 3 | 5;
  static final int VARINT_6 = 6 << 3 | 0;
  static final int I64_6 = 6 << 3 | 1;
  static final int LEN_6 = 6 << 3 | 2;
  static final int I32_6 = 6 << 3 | 5;
  static final int VARINT_7 = 7 << 3 | 0;
  static final int I64_7 = 7 << 3 | 1;
  static final int LEN_7 = 7 << 3 | 2;
  static final int I32_7 = 7 << 3 | 5;
  static final int VARINT_8 = 8 << 3 | 0;
  static final int I64_8 = 8 << 3 | 1;
  static final int LEN_8 = 8 << 3 | 2;
  static final int I32_8 = 8 << 3 | 5;
  static final int VARINT_9 = 9 << 3 | 0;
  static final int I64_9 = 9 << 3 | 1;
  static final int LEN_9 = 9 << 3 | 2;
  static final int I32_9 = 9 << 3 | 5;
  static final int VARINT_10 = 10 << 3 | 0;
  static final int I64_10 = 10 << 3 | 1;
  static final int LEN_10 = 10 << 3 | 2;
  static final int I32_10 = 10 << 3 | 5;
  static final int VARINT_11 = 11 << 3 | 0;
  static final int I64_11 = 11 << 3 | 1;
  static final int LEN_11 = 11 << 3 | 2;
  static final int I32_11 = 11 << 3 | 5;
  static final int VARINT_12 = 12 << 3 | 0;
  static final int I64_12 = 12 << 3 | 1;
  static final int LEN_12 = 12 << 3 | 2;
  static final int I32_12 = 12 << 3 | 5;
  static final int VARINT_13 = 13 << 3 | 0;
  static final int I64_13 = 13 << 3 | 1;
  static final int LEN_13 = 13 << 3 | 2;
  static final int I32_13 = 13 << 3 | 5;
  static final int VARINT_14 = 14 << 3 | 0;
  static final int I64_14 = 14 << 3 | 1;
  static final int LEN_14 = 14 << 3 | 2;
  static final int I32_14 = 14 << 3 | 5;
  static final int VARINT_15 = 15 << 3 | 0;
  static final int I64_15 = 15 << 3 | 1;
  static final int LEN_15 = 15 << 3 | 2;
  static final int I32_15 = 15 << 3 | 5;
  static final int VARINT_16 = 16 << 3 | 0;
  static final int I64_16 = 16 << 3 | 1;
  static final int LEN_16 = 16 << 3 | 2;
  static final int I32_16 = 16 << 3 | 5;
}
