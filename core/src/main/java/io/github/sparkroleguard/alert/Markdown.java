package io.github.sparkroleguard.alert;

/** Renders an alert as Markdown, escaping every outside string so it cannot forge formatting. */
public final class Markdown {
  private Markdown() {}

  public static String render(AlertMessage m) {
    StringBuilder s = new StringBuilder();
    s.append("### ").append(escape(m.title())).append("\n\n");
    s.append("- **Account:** ").append(escape(m.accountLabel())).append('\n');
    s.append("- **Role:** ").append(escape(m.report().roleName()))
        .append(" (mode ").append(m.report().mode().wireName()).append(")\n");
    s.append("- **Trigger:** ").append(m.triggerWord()).append(", ").append(escape(m.time())).append("\n\n");
    s.append("**What changed**\n\n");
    m.changeLines().forEach(l -> s.append(l.startsWith("  ") ? "    - " + signed(l.trim(), "\\", "") : "- " + escape(l.trim()))
        .append('\n'));
    if (!m.actorLines().isEmpty()) {
      s.append("\n**Who**\n\n");
      m.actorLines().forEach(l -> s.append("- ").append(escape(l)).append('\n'));
    }
    s.append("\n**What the guard did**\n\n");
    m.actionLines().forEach(l -> s.append("- ").append(escape(l)).append('\n'));
    s.append("\n**Next:** ").append(escape(m.nextStep())).append('\n');
    return s.toString();
  }

  /**
   * A nested diff line as list item text: a leading "+ " or "- " would open a nested list (and
   * vanish as its marker), so the sign is written as {@code open + sign + close} - a backslash
   * escape in CommonMark, bold in the chat apps whose Markdown has no escapes.
   */
  static String signed(String line, String open, String close, java.util.function.UnaryOperator<String> escape) {
    if (line.startsWith("+ ") || line.startsWith("- ")) {
      return open + line.charAt(0) + close + " " + escape.apply(line.substring(2));
    }
    return escape.apply(line);
  }

  private static String signed(String line, String open, String close) {
    return signed(line, open, close, Markdown::escape);
  }

  /**
   * Backslash-escapes the characters that start Markdown constructs inside a line (emphasis,
   * code, links, HTML, headings, tables) and flattens line breaks and control characters, so an
   * outside string stays one line of plain text; invisible characters and bare URLs are
   * neutralised first ({@link OutsideText#neutral}). Every rendered line starts with our own prefix,
   * so line-start markers such as '-' or '1.' in outside text are harmless.
   */
  public static String escape(String raw) {
    String text = OutsideText.neutral(raw);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t' || Character.isISOControl(c)) {
        out.append(' ');
      } else if ("\\`*_[]<>#|~".indexOf(c) >= 0) {
        out.append('\\').append(c);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
