package io.github.sparkroleguard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import java.time.Clock;
import java.time.Instant;

/** WeCom group robot: markdown content within 4,096 bytes; no signing; 20 messages a minute. */
final class WeComChannel extends PostChannel {
  static final int MAX_BYTES = 4096;

  WeComChannel(String url, HttpSender sender, Clock clock) {
    super("wecom", url, null, sender, RateLimiter.perMinute(20), clock);
  }

  @Override
  JsonNode payload(AlertMessage m, Instant now) {
    ObjectNode n = Json.object().put("msgtype", "markdown");
    n.putObject("markdown").put("content", ChatMarkdown.render(m, ChatText::escape, "**", MAX_BYTES, false));
    return n;
  }

  @Override
  String problem(String body) {
    return errcode(body);
  }
}
