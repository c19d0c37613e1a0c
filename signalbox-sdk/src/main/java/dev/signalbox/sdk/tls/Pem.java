package dev.signalbox.sdk.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM decoding without third-party code: certificates, and private keys in PKCS#8, PKCS#1 (RSA) and
 * SEC1 (EC) form, the latter two re-wrapped as PKCS#8 for the JDK's key factories.
 */
final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z-]+:.*$", Pattern.MULTILINE);
  // 1.2.840.113549.1.1.1 rsaEncryption, 1.2.840.10045.2.1 ecPublicKey
  private static final byte[] OID_RSA = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
  private static final byte[] OID_EC = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

  private Pem() {}

  record Block(String type, byte[] der, boolean encrypted) {}

  static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2);
      boolean encrypted = body.contains("ENCRYPTED");
      String base64 = HEADER_LINE.matcher(body).replaceAll("").replaceAll("\\s", "");
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(base64), encrypted));
    }
    return out;
  }

  /** Every CERTIFICATE block; throws when there is none. */
  static List<X509Certificate> certificates(String text) throws CertificateException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certs = new ArrayList<>();
    for (Block b : blocks(text)) {
      if (b.type().equals("CERTIFICATE") || b.type().equals("TRUSTED CERTIFICATE")) {
        certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
      }
    }
    if (certs.isEmpty()) {
      throw new CertificateException("no PEM certificate found (expected -----BEGIN CERTIFICATE-----)");
    }
    return certs;
  }

  /** The first private key block. */
  static PrivateKey privateKey(String text) throws GeneralSecurityException {
    for (Block b : blocks(text)) {
      switch (b.type()) {
        case "PRIVATE KEY" -> {
          return pkcs8(b.der());
        }
        case "RSA PRIVATE KEY" -> {
          if (b.encrypted()) {
            throw new GeneralSecurityException("encrypted private keys are not supported");
          }
          return pkcs8(wrapPkcs8(seq(concat(OID_RSA, new byte[] {0x05, 0x00})), b.der()));
        }
        case "EC PRIVATE KEY" -> {
          if (b.encrypted()) {
            throw new GeneralSecurityException("encrypted private keys are not supported");
          }
          byte[] curve = sec1Curve(b.der());
          return pkcs8(wrapPkcs8(seq(concat(OID_EC, curve)), b.der()));
        }
        case "ENCRYPTED PRIVATE KEY" -> throw new GeneralSecurityException("encrypted private keys are not supported");
        default -> {
          // EC PARAMETERS and other blocks are skipped
        }
      }
    }
    throw new GeneralSecurityException(
        "no PEM private key found (expected BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        last = e instanceof GeneralSecurityException g ? g : new GeneralSecurityException(e);
      }
    }
    throw new GeneralSecurityException("unsupported or malformed PKCS#8 private key", last);
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
  private static byte[] wrapPkcs8(byte[] algorithmIdentifier, byte[] key) {
    return seq(concat(new byte[] {0x02, 0x01, 0x00}, algorithmIdentifier, tlv(0x04, key)));
  }

  /** ECPrivateKey ::= SEQUENCE { version, OCTET STRING, [0] ECParameters OPTIONAL, [1] OPTIONAL }. */
  private static byte[] sec1Curve(byte[] der) throws GeneralSecurityException {
    Der d = new Der(der);
    d.expect(0x30);
    d.length();
    d.skipElement(); // version
    d.skipElement(); // private key
    while (d.hasMore()) {
      int tag = d.peek();
      if (tag == 0xa0) {
        d.expect(0xa0);
        d.length();
        int start = d.pos;
        d.skipElement();
        return java.util.Arrays.copyOfRange(der, start, d.pos);
      }
      d.skipElement();
    }
    throw new GeneralSecurityException("EC private key without curve parameters");
  }

  private static byte[] seq(byte[] content) {
    return tlv(0x30, content);
  }

  private static byte[] tlv(int tag, byte[] content) {
    var out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    var out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Just enough DER reading to find SEC1's curve. */
  private static final class Der {
    private final byte[] b;
    private int pos;

    Der(byte[] b) {
      this.b = b;
    }

    boolean hasMore() {
      return pos < b.length;
    }

    int peek() {
      return b[pos] & 0xff;
    }

    void expect(int tag) throws GeneralSecurityException {
      if (pos >= b.length || (b[pos] & 0xff) != tag) {
        throw new GeneralSecurityException("malformed EC private key");
      }
      pos++;
    }

    int length() throws GeneralSecurityException {
      if (pos >= b.length) {
        throw new GeneralSecurityException("malformed EC private key");
      }
      int first = b[pos++] & 0xff;
      if (first < 0x80) {
        return first;
      }
      int n = first & 0x7f;
      if (n > 3 || pos + n > b.length) {
        throw new GeneralSecurityException("malformed EC private key");
      }
      int len = 0;
      for (int i = 0; i < n; i++) {
        len = len << 8 | (b[pos++] & 0xff);
      }
      return len;
    }

    void skipElement() throws GeneralSecurityException {
      pos++; // tag
      int len = length();
      pos += len;
      if (pos > b.length) {
        throw new GeneralSecurityException("malformed EC private key");
      }
    }
  }
}
