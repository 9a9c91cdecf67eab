package io.github.sparkroleguard.testing;

import io.github.sparkroleguard.transport.Jitter;
import io.github.sparkroleguard.transport.Timing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when code under test sleeps through it (or a test advances it);
 * records every sleep. Thread-safe: a scan's threads share it. Sleeps from parallel threads add
 * up, so simulated time runs ahead of what real parallel waits would take: budgets run out
 * sooner, never later, than in production.
 */
public final class FakeTime extends Clock {
  private Instant now = Instant.parse("2026-11-27T10:00:00Z");
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public ZoneId getZone() {
    return ZoneId.of("UTC");
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  public void sleep(Duration d) {
    sleeps.add(d);
    advance(d);
  }

  /** Time passes without anyone sleeping (between invocations, say). */
  public synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  /** This clock, sleeping through it, and the whole backoff bound as jitter: the same run every time. */
  public Timing timing() {
    return Timing.of(this, this::sleep, Jitter.NONE);
  }
}
