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
 * Real time, except that sleeping skips ahead instead of waiting: the clock reads the system's
 * time plus every sleep so far. For tests whose events are dated by the real clock (an emulator on
 * the system clock, records "five minutes ago") but whose guard would otherwise wait for real
 * through backoff, ActionTrail's pacing or a rate gate. Never behind the system clock, so nothing
 * the test dates "now" is in the guard's future. Thread-safe.
 */
public final class SkippedSleeps extends Clock {
  private Duration skipped = Duration.ZERO;
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
    return Instant.now().plus(skipped);
  }

  public synchronized void sleep(Duration d) {
    sleeps.add(d);
    skipped = skipped.plus(d);
  }

  /** This clock, sleeping through it, and the whole backoff bound as jitter. */
  public Timing timing() {
    return Timing.of(this, this::sleep, Jitter.NONE);
  }
}
