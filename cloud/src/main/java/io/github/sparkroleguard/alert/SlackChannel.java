package io.github.sparkroleguard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import java.time.Clock;
import java.time.Instant;

/**
 * Slack incoming webhook: a header and a mrkdwn section, with the title as the text fallback.
 * Slack answers "ok"; 429 carries Retry-After, which the sender honours. About one message a second.
 */
final class SlackChannel extends PostChannel {
  /** A section block's text is limited to 3,000 characters. */
  static final int MAX_SECTION = 2_900;

  SlackChannel(String url, HttpSender sender, Clock clock) {
    super("slack", url, null, sender, RateLimiter.perSecond(1), clock);
  }

  @Override
  JsonNode payload(AlertMessage m, Instant now) {
    ObjectNode n = Json.object().put("text", ChatText.slack(m.title()));
    ArrayNode blocks = n.putArray("blocks");
    String title = OutsideText.neutral(m.title());
    String header = title.length() > 150 ? title.substring(0, 147) + "..." : title;
    blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text").put("text", header);
    String body = ChatMarkdown.render(m, ChatText::slack, "*", MAX_SECTION, false);
    body = body.substring(body.indexOf("\n\n") + 2);
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", body);
    return n;
  }

  @Override
  String problem(String body) {
    return body.trim().equals("ok") || body.isBlank() ? null : "answer: " + clip(body.trim());
  }
}
