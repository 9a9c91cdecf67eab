package io.github.sparkroleguard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.json.Json;
import io.github.sparkroleguard.report.ResultJson;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A generic JSON webhook (schema {@value #SCHEMA}, documented in the README). With a secret, the
 * body is signed: header {@code X-Guard-Signature: sha256=HEX(HmacSHA256(secret, timestamp + "." + body))}
 * and {@code X-Guard-Timestamp} (Unix seconds), so receivers can check who sent it. Any 2xx is
 * accepted.
 */
final class WebhookChannel extends PostChannel {
  public static final String SCHEMA = "spark-role-guard.alert/v1";

  WebhookChannel(String url, String secret, HttpSender sender, Clock clock) {
    super("webhook", url, secret, sender, RateLimiter.perSecond(10), clock);
  }

  @Override
  JsonNode payload(AlertMessage m, Instant now) {
    return payload(m);
  }

  /** The largest body sent: receivers (and the proxies before them) commonly refuse more. */
  static final int MAX_BODY_BYTES = 256 * 1024;
  /** Events kept in a body that would pass {@link #MAX_BODY_BYTES}; the rest are counted. */
  static final int EVENTS_KEPT = 20;

  /**
   * The v1 payload: the structured report plus a Markdown rendering for humans, at most
   * {@value #MAX_BODY_BYTES} bytes: past it, events beyond the first {@value #EVENTS_KEPT} are
   * counted in {@code eventsOmitted}, then the text is cut, and as a last resort only the summary
   * fields are sent with {@code truncated: true}.
   */
  static ObjectNode payload(AlertMessage m) {
    ObjectNode n = full(m);
    if (fits(n)) {
      return n;
    }
    JsonNode events = n.path("events");
    if (events.size() > EVENTS_KEPT) {
      com.fasterxml.jackson.databind.node.ArrayNode kept = n.putArray("events");
      for (int i = 0; i < EVENTS_KEPT; i++) {
        kept.add(events.get(i));
      }
      n.put("eventsOmitted", events.size() - EVENTS_KEPT);
    }
    n.put("truncated", true);
    if (fits(n)) {
      return n;
    }
    String text = n.path("text").asText();
    n.put("text", text.substring(0, Math.min(text.length(), 16 * 1024)) + "\n\n(cut)");
    if (fits(n)) {
      return n;
    }
    ObjectNode small = Json.object();
    for (String key : new String[] {"schema", "title", "severity", "time", "accountId", "trigger", "roleName", "mode",
        "status", "action", "nextStep"}) {
      small.set(key, n.get(key));
    }
    small.put("truncated", true);
    return small;
  }

  private static boolean fits(JsonNode n) {
    return Json.write(n).getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_BODY_BYTES;
  }

  private static ObjectNode full(AlertMessage m) {
    ObjectNode n = Json.object();
    n.put("schema", SCHEMA);
    n.put("about", m.about());
    n.put("title", OutsideText.neutral(m.title()));
    n.put("severity", m.severity().name().toLowerCase(Locale.ROOT));
    n.put("time", m.time());
    n.put("accountId", m.accountId());
    if (!m.accountName().isEmpty()) {
      n.put("accountName", m.accountName());
    }
    n.put("trigger", m.triggerWord());
    n.setAll(ResultJson.role(m.report()));
    n.remove("alerts");
    n.put("nextStep", m.nextStep());
    n.put("text", Markdown.render(m));
    return n;
  }

  @Override
  Map<String, String> headers(Instant now, byte[] body) {
    if (secret == null) {
      return Map.of();
    }
    String ts = Long.toString(now.getEpochSecond());
    return Map.of("X-Guard-Timestamp", ts, "X-Guard-Signature", "sha256=" + Signatures.webhook(secret, ts, body));
  }

  @Override
  String problem(String body) {
    return null;
  }
}
