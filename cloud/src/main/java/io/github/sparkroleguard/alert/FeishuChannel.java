package io.github.sparkroleguard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feishu and Lark custom bots (same API, hosts open.feishu.cn / open.larksuite.com): a "post"
 * rich-text message whose text elements are plain text (so nothing in them is formatting);
 * with a secret, "timestamp" and "sign" in the body. code != 0 is a failure. 5 messages a second.
 */
final class FeishuChannel extends PostChannel {
  /** The body limit is 20 KB [doc]; the whole JSON body is kept below it. */
  static final int MAX_BYTES = 19_500;

  FeishuChannel(String type, String url, String secret, HttpSender sender, Clock clock) {
    super(type, url, secret, sender, RateLimiter.perSecond(5), clock);
  }

  @Override
  JsonNode payload(AlertMessage m, Instant now) {
    int budget = MAX_BYTES;
    ObjectNode n = payload(m, now, budget);
    // The JSON around each line costs bytes too: shrink the text budget until the body fits.
    for (int i = 0; i < 8 && bytes(n) > MAX_BYTES; i++) {
      budget -= bytes(n) - MAX_BYTES + 200;
      n = payload(m, now, budget);
    }
    return n;
  }

  private static int bytes(JsonNode n) {
    return Json.write(n).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private ObjectNode payload(AlertMessage m, Instant now, int textBudget) {
    List<String> lines = new ArrayList<>();
    lines.add("Role: " + m.report().roleName() + " (mode " + m.report().mode().wireName() + "), account "
        + m.accountLabel());
    lines.add("Trigger: " + m.triggerWord() + " at " + m.time());
    lines.add("What changed:");
    m.changeLines().forEach(l -> lines.add(l.startsWith("  ") ? "    " + l.trim() : "• " + l));
    if (!m.actorLines().isEmpty()) {
      lines.add("Who:");
      m.actorLines().forEach(l -> lines.add("• " + l));
    }
    lines.add("What the guard did:");
    m.actionLines().forEach(l -> lines.add("• " + l));
    String text = ChatMarkdown.fit("", lines, "Next: " + m.nextStep(), Math.max(1000, textBudget));
    ObjectNode n = Json.object().put("msg_type", "post");
    ObjectNode post = n.putObject("content").putObject("post").putObject("zh_cn");
    post.put("title", flat(m.title()));
    ArrayNode content = post.putArray("content");
    for (String line : text.strip().split("\n")) {
      if (!line.isBlank()) {
        content.addArray().addObject().put("tag", "text").put("text", flat(line));
      }
    }
    if (secret != null) {
      long s = now.getEpochSecond();
      n.put("timestamp", Long.toString(s)).put("sign", Signatures.feishu(secret, s));
    }
    return n;
  }

  @Override
  String problem(String body) {
    try {
      JsonNode n = Json.parse(body);
      int code = n.has("code") ? n.path("code").asInt(-1) : n.path("StatusCode").asInt(-1);
      return code == 0 ? null : "code " + code + ": " + clip(n.path("msg").asText(n.path("StatusMessage").asText()));
    } catch (java.io.IOException e) {
      return "unreadable answer";
    }
  }

  /** Plain text elements: no formatting to escape, but no hidden characters or live links either. */
  private static String flat(String s) {
    return OutsideText.neutral(s);
  }
}
