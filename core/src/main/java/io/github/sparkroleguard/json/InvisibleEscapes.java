package io.github.sparkroleguard.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.Locale;

/**
 * Writes characters a reader cannot see, or that reorder the text around them, as {@code \\uXXXX}
 * escapes in every JSON the guard produces (results, webhook bodies). The value a JSON reader
 * gets back is exact, but the bytes never carry a raw right-to-left override or zero-width
 * space into a log viewer or a receiver that shows the body as text.
 */
public final class InvisibleEscapes extends CharacterEscapes {
  private static final long serialVersionUID = 1L;
  private final int[] ascii = standardAsciiEscapesForJSON();

  /**
   * Invisible or direction-changing: zero-width and direction marks (U+200B-U+200F), line and
   * paragraph separators (U+2028, U+2029), embeddings and overrides (U+202A-U+202E), isolates
   * (U+2066-U+2069), and every other format character (Unicode category Cf: soft hyphen, word
   * joiner, byte order mark, tag characters).
   */
  public static boolean invisible(int cp) {
    if ((cp >= 0x200B && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  @Override
  public int[] getEscapeCodesForAscii() {
    return ascii;
  }

  @Override
  public SerializableString getEscapeSequence(int ch) {
    return invisible(ch) ? new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch)) : null;
  }
}
