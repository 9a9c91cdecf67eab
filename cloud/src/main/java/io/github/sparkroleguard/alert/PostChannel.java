package io.github.sparkroleguard.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** A channel that POSTs JSON to a URL; subclasses say what to send and how to read the answer. */
abstract class PostChannel implements AlertChannel {
  final URI url;
  final String secret;
  private final String type;
  private final HttpSender sender;
  private final RateLimiter limiter;
  final Clock clock;

  PostChannel(String type, String url, String secret, HttpSender sender, RateLimiter limiter, Clock clock) {
    this.type = type;
    this.url = URI.create(url);
    this.secret = secret == null || secret.isEmpty() ? null : secret;
    this.sender = sender;
    this.limiter = limiter;
    this.clock = clock;
  }

  @Override
  public final String name() {
    return type + "(" + url.getHost() + ")";
  }

  @Override
  public final void send(AlertMessage message) {
    Instant now = clock.instant();
    byte[] body = Json.write(payload(message, now)).getBytes(StandardCharsets.UTF_8);
    sender.post(name(), uri(now), headers(now, body), body, limiter, this::problem);
  }

  /** The JSON body; package-visible for the golden-file tests. */
  abstract JsonNode payload(AlertMessage message, Instant now);

  URI uri(Instant now) {
    return url;
  }

  Map<String, String> headers(Instant now, byte[] body) {
    return Map.of();
  }

  /** Null when the answer means accepted. */
  abstract String problem(String body);

  /** For the chat apps that answer {"errcode": 0, "errmsg": "ok"} (DingTalk, WeCom). */
  static String errcode(String body) {
    try {
      JsonNode n = Json.parse(body);
      if (n != null && n.path("errcode").asInt(-1) == 0) {
        return null;
      }
      return "errcode " + (n == null ? "?" : n.path("errcode").asText("?")) + ": " + (n == null ? "" : clip(n.path("errmsg").asText()));
    } catch (java.io.IOException e) {
      return "unreadable answer";
    }
  }

  static String clip(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
