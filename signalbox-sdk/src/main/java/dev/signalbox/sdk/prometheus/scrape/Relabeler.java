package dev.signalbox.sdk.prometheus.scrape;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

/** Applies relabeling rules as Prometheus' {@code relabel.Process} does. Stateless and thread-safe. */
public final class Relabeler {
  private Relabeler() {}

  /** The labels after {@code rules}, or null when a rule dropped them. */
  public static Labels process(Labels labels, List<RelabelRule> rules) {
    if (rules.isEmpty()) {
      return labels;
    }
    Labels.Builder b = labels.toBuilder();
    for (RelabelRule r : rules) {
      if (!apply(b, r)) {
        return null;
      }
    }
    return b.build();
  }

  /** Applies one rule to {@code b}; false when the rule drops the series or target. */
  static boolean apply(Labels.Builder b, RelabelRule r) {
    String val = joined(b, r);
    switch (r.action()) {
      case DROP -> {
        return !r.regex().matches(val);
      }
      case KEEP -> {
        return r.regex().matches(val);
      }
      case DROPEQUAL -> {
        return !b.get(r.targetLabel()).equals(val);
      }
      case KEEPEQUAL -> {
        return b.get(r.targetLabel()).equals(val);
      }
      case REPLACE -> {
        Matcher m = r.regex().match(val);
        if (m == null) {
          return true;
        }
        String target = GoTemplate.expand(r.targetLabel(), m);
        if (!ExpositionParser.isValidLabelName(target)) {
          return true;
        }
        String res = GoTemplate.expand(r.replacement(), m);
        if (res.isEmpty()) {
          b.del(target);
        } else {
          b.set(target, res);
        }
      }
      case LOWERCASE -> b.set(r.targetLabel(), val.toLowerCase(Locale.ROOT));
      case UPPERCASE -> b.set(r.targetLabel(), val.toUpperCase(Locale.ROOT));
      case HASHMOD -> b.set(r.targetLabel(), Long.toUnsignedString(Long.remainderUnsigned(md5Sum64(val), r.modulus())));
      case LABELMAP -> {
        for (String name : b.names()) {
          Matcher m = r.regex().match(name);
          if (m != null) {
            b.set(GoTemplate.expand(r.replacement(), m), b.get(name));
          }
        }
      }
      case LABELDROP -> b.removeIf(r.regex()::matches);
      case LABELKEEP -> b.removeIf(name -> !r.regex().matches(name));
    }
    return true;
  }

  private static String joined(Labels.Builder b, RelabelRule r) {
    List<String> src = r.sourceLabels();
    if (src.size() == 1) {
      return b.get(src.get(0));
    }
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < src.size(); i++) {
      if (i > 0) {
        s.append(r.separator());
      }
      s.append(b.get(src.get(i)));
    }
    return s.toString();
  }

  /** Prometheus' {@code sum64(md5.Sum(...))}: the digest's last 8 bytes, big-endian. */
  static long md5Sum64(String s) {
    byte[] d;
    try {
      d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
    long v = 0;
    for (int i = 8; i < 16; i++) {
      v = (v << 8) | (d[i] & 0xff);
    }
    return v;
  }
}
