package io.github.sparkroleguard.alert;

/**
 * Escaping for chat apps whose Markdown has no reliable backslash escapes (DingTalk, WeCom,
 * Feishu/Lark): characters that could start a link, emphasis, code, a heading, a table, HTML or a
 * mention tag ({@code <@user>}) are replaced by their full-width look-alikes (with brackets and
 * angle brackets gone, parentheses, '!' and '@' can form nothing), and line breaks by spaces, so an outside
 * string reads the same but can never become formatting. Slack has its own rule. Both first pass
 * the text through {@link OutsideText#neutral} (invisible characters shown, bare URLs unlinked).
 */
final class ChatText {
  private static final String FROM = "[]<>*_`#|~\\";
  private static final String TO = "［］＜＞＊＿ˋ＃｜～＼";
  private static final String SLACK_FROM = "*_~`";
  private static final String SLACK_TO = "＊＿～ˋ";

  private ChatText() {}

  static String escape(String raw) {
    String text = OutsideText.neutral(raw);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int k = FROM.indexOf(c);
      if (k >= 0) {
        out.append(TO.charAt(k));
      } else if (Character.isISOControl(c)) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Slack mrkdwn: &, < and > (links, mentions) must be entities; *, _, ~ and backticks (bold,
   * italic, strike, code) have no escape in mrkdwn, so they become full-width look-alikes.
   */
  static String slack(String raw) {
    String text = OutsideText.neutral(raw);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int k = SLACK_FROM.indexOf(c);
      if (k >= 0) {
        out.append(SLACK_TO.charAt(k));
      } else if (c == '&') {
        out.append("&amp;");
      } else if (c == '<') {
        out.append("&lt;");
      } else if (c == '>') {
        out.append("&gt;");
      } else if (Character.isISOControl(c)) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
