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

  /** The v1 payload: the structured report plus a Markdown rendering for humans. */
  static ObjectNode payload(AlertMessage m) {
    ObjectNode n = Json.object();
    n.put("schema", SCHEMA);
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
