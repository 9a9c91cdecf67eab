package io.github.sparkroleguard.alert;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The alert as chat Markdown (DingTalk, WeCom, Slack's mrkdwn), escaped with the channel's rule
 * and cut to the channel's size limit: diff lines go first, then the tail of the report, and a
 * last line says how much was cut. The title and the next step always stay.
 */
final class ChatMarkdown {
  private ChatMarkdown() {}

  /**
   * @param bold how the channel writes bold ("**" for DingTalk/WeCom, "*" for Slack)
   */
  static String render(AlertMessage m, UnaryOperator<String> escape, String bold, int maxBytes, boolean heading) {
    String title = (heading ? "### " : bold) + escape.apply(m.title()) + (heading ? "" : bold);
    List<String> body = new ArrayList<>();
    body.add(bold + "Role:" + bold + " " + escape.apply(m.report().roleName()) + " (mode " + m.report().mode().wireName()
        + "), account " + escape.apply(m.accountLabel()));
    body.add(bold + "Trigger:" + bold + " " + m.triggerWord() + " at " + escape.apply(m.time()));
    body.add(bold + "What changed" + bold);
    // Nested lines (meaning and diff) are nested list items, so standard Markdown keeps them on
    // their own lines; a diff sign is bold, not a list marker.
    m.changeLines().forEach(l -> body.add(l.startsWith("  ") ? "    - " + Markdown.signed(l.trim(), bold, bold, escape)
        : "- " + escape.apply(l.trim())));
    if (!m.actorLines().isEmpty()) {
      body.add(bold + "Who" + bold);
      m.actorLines().forEach(l -> body.add("- " + escape.apply(l.trim())));
    }
    body.add(bold + "What the guard did" + bold);
    m.actionLines().forEach(l -> body.add("- " + escape.apply(l.trim())));
    String next = bold + "Next:" + bold + " " + escape.apply(m.nextStep());
    return fit(title, body, next, maxBytes);
  }

  static String fit(String title, List<String> body, String last, int maxBytes) {
    List<String> lines = new ArrayList<>(body);
    int cut = 0;
    while (bytes(join(title, lines, last, cut)) > maxBytes && !lines.isEmpty()) {
      int diff = lastIndexOfDiff(lines);
      lines.remove(diff >= 0 ? diff : lines.size() - 1);
      cut++;
    }
    return join(title, lines, last, cut);
  }

  private static int lastIndexOfDiff(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith("    ")) {
        return i;
      }
    }
    return -1;
  }

  private static String join(String title, List<String> lines, String last, int cut) {
    StringBuilder s = new StringBuilder(title).append("\n\n");
    lines.forEach(l -> s.append(l).append('\n'));
    if (cut > 0) {
      s.append("(").append(cut).append(" lines cut to fit the message size limit; the full alert is in the function log)\n");
    }
    return s.append('\n').append(last).append('\n').toString();
  }

  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
