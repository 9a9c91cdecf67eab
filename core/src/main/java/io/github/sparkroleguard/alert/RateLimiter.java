package io.github.sparkroleguard.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code limit} sends per {@code window}, per channel and per FC instance (instances do
 * not share it). A send that would exceed it waits for a free slot instead of being dropped.
 */
final class RateLimiter {
  private final int limit;
  private final Duration window;
  private final Deque<Instant> sent = new ArrayDeque<>();

  RateLimiter(int limit, Duration window) {
    this.limit = limit;
    this.window = window;
  }

  /** How long to wait before the next send may go. */
  synchronized Duration waitTime(Instant now) {
    while (!sent.isEmpty() && !sent.peekFirst().plus(window).isAfter(now)) {
      sent.removeFirst();
    }
    if (sent.size() < limit) {
      return Duration.ZERO;
    }
    return Duration.between(now, sent.peekFirst().plus(window));
  }

  synchronized void record(Instant at) {
    sent.addLast(at);
  }

  static RateLimiter perMinute(int n) {
    return new RateLimiter(n, Duration.ofMinutes(1));
  }

  static RateLimiter perSecond(int n) {
    return new RateLimiter(n, Duration.ofSeconds(1));
  }
}
