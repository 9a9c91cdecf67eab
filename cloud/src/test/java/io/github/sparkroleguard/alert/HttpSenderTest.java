package io.github.sparkroleguard.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.testing.FakeTime;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSenderTest {
  @Test
  void post_unreachableWithoutDeadline_givesUpAfterMaxAttempts() {
    FakeTime time = new FakeTime();
    HttpSender sender = new HttpSender(HttpClient.newHttpClient(), time, time::sleep);
    AlertDeliveryException e = assertThrows(AlertDeliveryException.class, () -> sender.post("x",
        URI.create("http://127.0.0.1:9/"), Map.of(), new byte[0], RateLimiter.perSecond(100), body -> null));
    assertTrue(e.getMessage().contains("gave up after " + HttpSender.MAX_ATTEMPTS + " attempts: the limit of "
        + HttpSender.MAX_ATTEMPTS + " attempts per alert"), e.getMessage());
    assertTrue(!e.getMessage().contains("time budget"), e.getMessage());
    assertEquals(HttpSender.MAX_ATTEMPTS - 1, time.sleeps.size());
  }

  @Test
  void attemptTimeout_followsTheInjectedClockTowardsTheDeadline() {
    FakeTime time = new FakeTime();
    HttpSender sender = new HttpSender(HttpClient.newHttpClient(), time, time::sleep);
    assertEquals(HttpSender.ATTEMPT_TIMEOUT, sender.attemptTimeout(time.instant()), "no deadline: the full timeout");
    sender.deadline(time.instant().plusSeconds(60));
    assertEquals(HttpSender.ATTEMPT_TIMEOUT, sender.attemptTimeout(time.instant()));
    time.advance(Duration.ofSeconds(57));
    assertEquals(Duration.ofSeconds(3), sender.attemptTimeout(time.instant()), "what is left of the budget");
    time.advance(Duration.ofSeconds(10));
    assertEquals(HttpSender.MIN_ATTEMPT_TIMEOUT, sender.attemptTimeout(time.instant()), "past the deadline: one short attempt");
  }

  @Test
  void post_unreachableUntilTheDeadline_saysTheBudgetWasSpent() {
    FakeTime time = new FakeTime();
    HttpSender sender = new HttpSender(HttpClient.newHttpClient(), time, time::sleep);
    sender.deadline(time.instant().plusSeconds(2));
    AlertDeliveryException e = assertThrows(AlertDeliveryException.class, () -> sender.post("x",
        URI.create("http://127.0.0.1:9/"), Map.of(), new byte[0], RateLimiter.perSecond(100), body -> null));
    assertTrue(e.getMessage().contains("time budget spent"), e.getMessage());
  }

  @Test
  void rateLimiter_waitsForTheOldestSlot() {
    RateLimiter limiter = RateLimiter.perMinute(2);
    Instant t = Instant.parse("2026-11-27T10:00:00Z");
    limiter.record(t);
    limiter.record(t.plusSeconds(10));
    assertEquals(Duration.ofSeconds(50), limiter.waitTime(t.plusSeconds(10)));
    assertEquals(Duration.ZERO, limiter.waitTime(t.plusSeconds(60)));
  }

  @Test
  void retryAfter_parsesSecondsAndIgnoresDates() {
    assertEquals(Duration.ofSeconds(3), HttpSender.retryAfter("3"));
    assertEquals(Duration.ZERO, HttpSender.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
  }
}
