package io.github.sparkroleguard.transport;

import java.time.Clock;
import java.util.Objects;

/**
 * Everything about time the guard uses: what time it is, how it waits, how it picks a backoff.
 * Chosen once where an instance is wired (the system's in production, simulated in tests) and
 * passed down, so that no code reads the time or sleeps on its own.
 */
public final class Timing {
  private static final Timing SYSTEM = new Timing(Clock.systemUTC(), Sleeper.REAL, Jitter.RANDOM);

  private final Clock clock;
  private final Sleeper sleeper;
  private final Jitter jitter;

  private Timing(Clock clock, Sleeper sleeper, Jitter jitter) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.jitter = Objects.requireNonNull(jitter, "jitter");
  }

  /** The system clock (UTC), real sleeps, random jitter. */
  public static Timing system() {
    return SYSTEM;
  }

  public static Timing of(Clock clock, Sleeper sleeper, Jitter jitter) {
    return new Timing(clock, sleeper, jitter);
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public Jitter jitter() {
    return jitter;
  }
}
