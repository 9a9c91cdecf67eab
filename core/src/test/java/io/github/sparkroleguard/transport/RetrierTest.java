package io.github.sparkroleguard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.transport.CloudCallException;
import io.github.sparkroleguard.testing.FakeTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetrierTest {
  @Test
  void run_throttled_backsOffExponentiallyWithinTheBudget() {
    FakeTime time = new FakeTime();
    Retrier retrier = new Retrier(time, time::sleep, bound -> bound).withDeadline(time.instant().plusSeconds(10));
    AtomicInteger calls = new AtomicInteger();
    String out = retrier.run("GetRole", () -> {
      if (calls.incrementAndGet() < 4) {
        throw new CloudCallException("Throttling.User", "slow down", true);
      }
      return "ok";
    });
    assertEquals("ok", out);
    assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800)), time.sleeps);
  }

  @Test
  void run_budgetSpent_givesUpWithTheLastError() {
    FakeTime time = new FakeTime();
    Retrier retrier = new Retrier(time, time::sleep, bound -> bound).withDeadline(time.instant().plusSeconds(3));
    CloudCallException e = assertThrows(CloudCallException.class, () -> retrier.run("GetRole", () -> {
      throw new CloudCallException("ServiceUnavailable", "down", true);
    }));
    assertEquals("ServiceUnavailable", e.code());
    assertTrue(e.getMessage().contains("gave up on GetRole after"), e.getMessage());
    assertTrue(!time.instant().isAfter(Instant.parse("2026-11-27T10:00:03Z")), "never sleeps past the deadline");
  }

  @Test
  void run_nonRetryable_failsAtOnce() {
    FakeTime time = new FakeTime();
    Retrier retrier = new Retrier(time, time::sleep, bound -> bound);
    assertThrows(CloudCallException.class, () -> retrier.run("CreateRole", () -> {
      throw new CloudCallException("NoPermission", "denied", false);
    }));
    assertEquals(List.of(), time.sleeps);
  }
}
