package io.github.sparkroleguard.testing;

import io.github.sparkroleguard.transport.Jitter;
import io.github.sparkroleguard.transport.Timing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A clock that moves only when code under test sleeps through it (or a test advances it);
 * records every sleep. Thread-safe: a scan's threads share it. Sleeps from parallel threads add
 * up, so simulated time runs ahead of what real parallel waits would take: budgets run out
 * sooner, never later, than in production.
 *
 * <p>{@link #skippingOnTheRealClock()} is the variant for tests whose events are dated by the real
 * clock (an emulator on the system clock, records "five minutes ago"): real time plus every sleep
 * so far, so backoff, ActionTrail's pacing and rate gates skip ahead instead of waiting, and
 * nothing the test dates "now" is ever in the guard's future.
 */
public final class FakeTime extends Clock {
  private final Supplier<Instant> base;
  private Duration ahead = Duration.ZERO;
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public FakeTime() {
    this(() -> Instant.parse("2026-11-27T10:00:00Z"));
  }

  private FakeTime(Supplier<Instant> base) {
    this.base = base;
  }

  /** Real time, except that sleeping skips ahead instead of waiting. */
  public static FakeTime skippingOnTheRealClock() {
    return new FakeTime(Instant::now);
  }

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
    return base.get().plus(ahead);
  }

  public void sleep(Duration d) {
    sleeps.add(d);
    advance(d);
  }

  /** Time passes without anyone sleeping (between invocations, say). */
  public synchronized void advance(Duration d) {
    ahead = ahead.plus(d);
  }

  /** This clock, sleeping through it, and the whole backoff bound as jitter: the same run every time. */
  public Timing timing() {
    return Timing.of(this, this::sleep, Jitter.NONE);
  }
}
