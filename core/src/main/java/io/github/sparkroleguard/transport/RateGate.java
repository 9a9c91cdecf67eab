package io.github.sparkroleguard.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code qps} RAM calls a second across all threads of an instance (RAM's API quota is
 * per account), as a token bucket holding one second of calls: the few parallel reads of one
 * restore pass at once, a 500-role scan is paced to the rate.
 */
public final class RateGate {
  private final int qps;
  private final long intervalNanos;
  private final Clock clock;
  private final Sleeper sleeper;
  private double tokens;
  private Instant last;

  public RateGate(int qps, Clock clock, Sleeper sleeper) {
    this.qps = Math.max(1, qps);
    this.intervalNanos = 1_000_000_000L / this.qps;
    this.clock = clock;
    this.sleeper = sleeper;
    this.tokens = this.qps;
    this.last = clock.instant();
  }

  /** Waits until this caller may call. */
  public void acquire() {
    Duration wait;
    synchronized (this) {
      Instant now = clock.instant();
      tokens = Math.min(qps, tokens + Duration.between(last, now).toNanos() / (double) intervalNanos);
      last = now;
      tokens -= 1;
      wait = tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) (-tokens * intervalNanos));
    }
    if (!wait.isZero()) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
