package dev.signalbox.sdk.prometheus.scrape;

import java.util.regex.Matcher;

/**
 * Go's {@code regexp.Expand}: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} and
 * {@code $$}. As in Go, {@code $name} takes the longest run of letters, digits and underscores, so
 * {@code $1_x} names the (missing) group {@code 1_x}; write {@code ${1}_x}. A group that does not
 * exist or did not take part in the match expands to "".
 */
final class GoTemplate {
  private GoTemplate() {}

  static String expand(String template, Matcher m) {
    if (template.indexOf('$') < 0) {
      return template;
    }
    StringBuilder b = new StringBuilder(template.length() + 16);
    int i = 0;
    int n = template.length();
    while (i < n) {
      char c = template.charAt(i);
      if (c != '$' || i + 1 >= n) {
        b.append(c);
        i++;
        continue;
      }
      char next = template.charAt(i + 1);
      if (next == '$') {
        b.append('$');
        i += 2;
        continue;
      }
      String name;
      int end;
      if (next == '{') {
        int close = template.indexOf('}', i + 2);
        if (close < 0) {
          b.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 2, close);
        end = close + 1;
        if (name.isEmpty() || !isWord(name)) {
          b.append(c); // malformed: Go copies the '$' and goes on
          i++;
          continue;
        }
      } else {
        int j = i + 1;
        while (j < n && isWordChar(template.charAt(j))) {
          j++;
        }
        if (j == i + 1) {
          b.append(c);
          i++;
          continue;
        }
        name = template.substring(i + 1, j);
        end = j;
      }
      b.append(group(m, name));
      i = end;
    }
    return b.toString();
  }

  private static String group(Matcher m, String name) {
    String v = null;
    if (isDigits(name)) {
      try {
        int g = Integer.parseInt(name);
        if (g <= m.groupCount()) {
          v = m.group(g);
        }
      } catch (NumberFormatException e) {
        v = null;
      }
    } else {
      try {
        v = m.group(name);
      } catch (IllegalArgumentException e) {
        v = null;
      }
    }
    return v == null ? "" : v;
  }

  private static boolean isWord(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isWordChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
