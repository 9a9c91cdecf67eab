package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.DEFAULT_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.report.ResultJson;
import io.github.sparkroleguard.testing.TestJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Each channel against a loopback receiver that checks what the vendor would: the signature,
 * computed here again from the published algorithm, the payload shape and the size limit; and
 * the failure cases (errcode in a 200, 429 with Retry-After, timeouts, no channel accepting).
 * Its tests wait on real HTTP timeouts (a late webhook), so they run beside the other classes.
 */
@Execution(ExecutionMode.CONCURRENT)
class ChannelsIT {
  static final String SECRET = "SECabc123-channel-signing-secret";

  /** A guard whose only channel is one of the given type pointing at the receiver. */
  static GuardFixture fixture(String type, boolean signed, String mode) throws Exception {
    return fixture(type, signed, mode, 5);
  }

  static GuardFixture fixture(String type, boolean signed, String mode, int budgetSeconds) throws Exception {
    String secret = signed ? ", secret: \"${env:CHANNEL_SECRET}\"" : "";
    return new GuardFixture(mode + "\nretryBudgetSeconds: " + budgetSeconds, "", "alerts:\n  - { type: " + type
        + ", url: \"${env:OPS_WEBHOOK_URL}\"" + secret + " }\n", SECRET);
  }

  static JsonNode breakAndInvoke(GuardFixture f) throws Exception {
    f.replay("eventbridge-delete-role-default.json");
    InvocationResult r = f.invoke("eventbridge-delete-role-default.json");
    String out = r.json().toString() + String.join("\n", f.log);
    for (String secret : java.util.List.of(SECRET, "hook-token-0123", GuardFixture.SECRET, GuardFixture.TOKEN)) {
      assertFalse(out.contains(secret), "leaked " + secret);
    }
    return r.json();
  }

  static byte[] hmac(String key, String msg) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(msg.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void dingTalk_signsTheUrl_andSendsMarkdown() throws Exception {
    try (GuardFixture f = fixture("dingtalk", true, "mode: alert")) {
      JsonNode result = breakAndInvoke(f);
      assertTrue(result.path("ok").asBoolean(), result.toString());
      WebhookReceiver.Received got = f.webhook.received().get(0);
      String query = got.path.substring(got.path.indexOf('?') + 1);
      String ts = param(query, "timestamp");
      String sign = URLDecoder.decode(param(query, "sign"), StandardCharsets.UTF_8);
      assertEquals(Base64.getEncoder().encodeToString(hmac(SECRET, ts + "\n" + SECRET)), sign);
      assertEquals(f.time.millis(), Long.parseLong(ts), "millisecond timestamp, from the guard's clock");
      assertEquals("hook-token-0123", param(query, "access_token"), "the robot's token is kept");
      JsonNode body = TestJson.MAPPER.readTree(got.body);
      assertEquals("markdown", body.path("msgtype").asText());
      assertTrue(body.path("markdown").path("text").asText().contains("the role does not exist"));
    }
  }

  @Test
  void feishu_signsInTheBody_andSendsPlainTextPost() throws Exception {
    try (GuardFixture f = fixture("feishu", true, "mode: alert")) {
      assertTrue(breakAndInvoke(f).path("ok").asBoolean());
      JsonNode body = TestJson.MAPPER.readTree(f.webhook.received().get(0).body);
      String ts = body.path("timestamp").asText();
      assertEquals(Base64.getEncoder().encodeToString(hmac(ts + "\n" + SECRET, "")), body.path("sign").asText());
      assertEquals("post", body.path("msg_type").asText());
      JsonNode post = body.path("content").path("post").path("zh_cn");
      assertTrue(post.path("title").asText().startsWith("[CRITICAL]"));
      post.path("content").forEach(line -> assertEquals("text", line.get(0).path("tag").asText()));
    }
  }

  @Test
  void weCom_markdownWithinLimit() throws Exception {
    try (GuardFixture f = fixture("wecom", false, "mode: alert")) {
      assertTrue(breakAndInvoke(f).path("ok").asBoolean());
      JsonNode body = TestJson.MAPPER.readTree(f.webhook.received().get(0).body);
      assertEquals("markdown", body.path("msgtype").asText());
      assertTrue(body.path("markdown").path("content").asText().getBytes(StandardCharsets.UTF_8).length <= 4096);
    }
  }

  @Test
  void slack_blocksWithFallback_andHonours429RetryAfter() throws Exception {
    try (GuardFixture f = fixture("slack", false, "mode: alert")) {
      f.webhook.answer(200, "ok");
      f.webhook.then(429, "rate_limited", "1", 0);
      JsonNode result = breakAndInvoke(f);
      assertTrue(result.path("ok").asBoolean(), result.toString());
      assertEquals(2, f.webhook.received().size(), "retried once after the 429");
      assertTrue(f.time.sleeps.contains(java.time.Duration.ofSeconds(1)), "waited the Retry-After second: " + f.time.sleeps);
      JsonNode body = TestJson.MAPPER.readTree(f.webhook.received().get(1).body);
      assertTrue(body.path("text").asText().startsWith("[CRITICAL]"));
      assertEquals("header", body.path("blocks").get(0).path("type").asText());
      assertEquals("mrkdwn", body.path("blocks").get(1).path("text").path("type").asText());
    }
  }

  @Test
  void webhook_signatureHeader_verifies() throws Exception {
    try (GuardFixture f = fixture("webhook", true, "mode: alert")) {
      assertTrue(breakAndInvoke(f).path("ok").asBoolean());
      WebhookReceiver.Received got = f.webhook.received().get(0);
      String ts = got.header("X-Guard-Timestamp");
      StringBuilder hex = new StringBuilder();
      for (byte b : hmac(SECRET, ts + "." + got.body)) {
        hex.append(String.format("%02x", b));
      }
      assertEquals("sha256=" + hex, got.header("X-Guard-Signature"));
      assertEquals("spark-role-guard.alert/v1", TestJson.MAPPER.readTree(got.body).path("schema").asText());
    }
  }

  @Test
  void errcodeInA200_isAFailure_andUndeliveredUnrestoredDrift_failsTheInvocation() throws Exception {
    try (GuardFixture f = fixture("dingtalk", true, "mode: alert")) {
      f.webhook.answer(200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}");
      JsonNode result = breakAndInvoke(f);
      assertFalse(result.path("ok").asBoolean());
      JsonNode delivery = result.path("roles").get(0).path("alerts").get(1);
      assertFalse(delivery.path("delivered").asBoolean());
      assertTrue(delivery.path("detail").asText().contains("errcode 310000: sign not match"), delivery.toString());
      assertTrue(result.path("error").path("message").asText().contains("no alert channel accepted the alert"));
      assertEquals(1, f.webhook.received().size(), "a refusal is not retried");
    }
  }

  @Test
  void restoredButUndelivered_isReportedNotFailed() throws Exception {
    try (GuardFixture f = fixture("wecom", false, "mode: restore")) {
      f.webhook.answer(503, "down");
      JsonNode result = breakAndInvoke(f);
      assertTrue(result.path("ok").asBoolean(), result.toString());
      JsonNode role = result.path("roles").get(0);
      assertEquals("restored", role.path("status").asText());
      assertFalse(role.path("alerts").get(1).path("delivered").asBoolean());
      assertTrue(role.path("alerts").get(1).path("detail").asText().contains("HTTP 503"));
      assertTrue(f.webhook.received().size() >= 2, "5xx is retried within the budget");
    }
  }

  @Test
  void timeout_isRetried_thenDelivered() throws Exception {
    try (GuardFixture f = fixture("webhook", false, "mode: alert", 15)) {
      f.webhook.then(200, "late", null, 6_000);
      JsonNode result = breakAndInvoke(f);
      assertTrue(result.path("ok").asBoolean(), result.toString());
      assertTrue(f.webhook.received().size() >= 2);
      assertTrue(result.path("roles").get(0).path("alerts").get(1).path("delivered").asBoolean());
    }
  }

  @Test
  void persistingDrift_timerRealertsOncePerWindow_eventsAlwaysAlert() throws Exception {
    try (GuardFixture f = fixture("webhook", false, "mode: alert")) {
      f.replay("eventbridge-detach-policy-default.json");
      assertTrue(f.invoke("timer.json").ok());
      assertEquals(1, f.webhook.received().size());
      InvocationResult again = f.invoke("timer.json");
      assertTrue(again.ok(), "an alert suppressed as a reminder still counts as alerted");
      assertEquals(1, f.webhook.received().size(), "same drift within the window: no second alert");
      JsonNode delivery = GuardFixture.role(again, DEFAULT_ROLE).path("alerts").get(0);
      assertEquals("reminder", delivery.path("channel").asText());
      assertTrue(delivery.path("detail").asText().startsWith("same drift already alerted at"));
      f.invoke("eventbridge-detach-policy-default.json");
      assertEquals(2, f.webhook.received().size(), "an event always alerts");
    }
    try (GuardFixture f = fixture("webhook", false, "mode: alert\nrealertMinutes: 0")) {
      f.replay("eventbridge-detach-policy-default.json");
      f.invoke("timer.json");
      f.invoke("timer.json");
      assertEquals(2, f.webhook.received().size(), "window 0: every scan alerts");
    }
  }

  static String param(String query, String name) {
    for (String p : query.split("&")) {
      if (p.startsWith(name + "=")) {
        return p.substring(name.length() + 1);
      }
    }
    throw new AssertionError("no " + name + " in " + query);
  }
}
