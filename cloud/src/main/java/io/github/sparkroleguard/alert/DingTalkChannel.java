package io.github.sparkroleguard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/**
 * DingTalk custom robot: a markdown message; with a secret, {@code &timestamp=MS&sign=S} on the URL.
 * An answer with errcode != 0 (310000: keyword, signature or IP check failed) is a failure even
 * with HTTP 200. 20 messages a minute per robot.
 */
final class DingTalkChannel extends PostChannel {
  /** Kept under DingTalk's message size limit (about 20,000 bytes) [inferred margin]. */
  static final int MAX_BYTES = 18_000;

  DingTalkChannel(String url, String secret, HttpSender sender, Clock clock) {
    super("dingtalk", url, secret, sender, RateLimiter.perMinute(20), clock);
  }

  @Override
  JsonNode payload(AlertMessage m, Instant now) {
    ObjectNode n = Json.object().put("msgtype", "markdown");
    n.putObject("markdown").put("title", ChatText.escape(m.title()))
        .put("text", ChatMarkdown.render(m, ChatText::escape, "**", MAX_BYTES, true));
    return n;
  }

  @Override
  URI uri(Instant now) {
    if (secret == null) {
      return url;
    }
    long ms = now.toEpochMilli();
    String sep = url.getRawQuery() == null ? "?" : "&";
    return URI.create(url + sep + "timestamp=" + ms + "&sign=" + Signatures.dingTalk(secret, ms));
  }

  @Override
  String problem(String body) {
    return errcode(body);
  }
}
