package io.github.sparkroleguard.alert;

import io.github.sparkroleguard.json.InvisibleEscapes;
import java.util.Locale;

/**
 * What every channel does to a string that came from outside (user names, documents, policy
 * names) before its own escaping: characters a reader cannot see or that reorder the text around
 * them are shown as their code point, and bare URLs lose the parts chat apps turn into links.
 * A user name with a right-to-left override in it, or a document holding
 * {@code https://phish.example}, then reads as what it is, in every channel.
 */
final class OutsideText {
  private OutsideText() {}

  /**
   * The string with invisible characters ({@link InvisibleEscapes#invisible}) written as
   * {@code (U+202E)}, line breaks and other control characters as spaces, {@code ://} as {@code ：//} (a full-width colon) and a leading
   * {@code www.} as {@code www．}, so no channel's Markdown finds a link or a hidden character in it.
   */
  static String neutral(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (InvisibleEscapes.invisible(cp)) {
        out.append("(U+").append(String.format(Locale.ROOT, "%04X", cp)).append(')');
      } else if (Character.isISOControl(cp)) {
        out.append(' ');
      } else if (cp == ':' && text.startsWith("//", i + 1)) {
        out.append('：');
      } else if (cp == '.' && wwwBefore(text, i)) {
        out.append('．');
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** True when {@code text[i]} is the dot of a "www." that starts a word. */
  private static boolean wwwBefore(String text, int i) {
    if (i < 3 || !text.regionMatches(true, i - 3, "www", 0, 3)) {
      return false;
    }
    return i == 3 || !Character.isLetterOrDigit(text.charAt(i - 4));
  }
}
