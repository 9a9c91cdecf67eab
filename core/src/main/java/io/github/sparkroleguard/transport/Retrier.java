package io.github.sparkroleguard.transport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Retries transient failures with exponential backoff and full jitter, for as long as the
 * invocation's time budget allows (not a fixed count). Time and randomness are injected so tests
 * check the schedule without sleeping.
 */
public final class Retrier {
  static final long BASE_MS = 200;
  static final long CAP_MS = 5_000;

  private final Clock clock;
  private final Sleeper sleeper;
  private final Jitter jitter;
  private volatile Instant deadline = Instant.MAX;

  public Retrier(Clock clock, Sleeper sleeper, Jitter jitter) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.jitter = jitter;
  }

  /** The guard's retries on the system's time (tools and tests that do not simulate time). */
  public static Retrier standard() {
    return standard(Timing.system());
  }

  /** The guard's retries, on the given time. */
  public static Retrier standard(Timing timing) {
    return new Retrier(timing.clock(), timing.sleeper(), timing.jitter());
  }

  /** Retries stop once a backoff would end after this instant. */
  public Retrier withDeadline(Instant value) {
    this.deadline = value;
    return this;
  }

  public <T> T run(String action, Supplier<T> call) {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.get();
      } catch (RuntimeException e) {
        if (!(e instanceof TransientFailure) || !((TransientFailure) e).retryable()) {
          throw e;
        }
        long bound = Math.min(CAP_MS, BASE_MS << Math.min(attempt, 20));
        Duration wait = Duration.ofMillis(jitter.upTo(bound));
        if (clock.instant().plus(wait).isAfter(deadline)) {
          throw ((TransientFailure) e).withNote(
              " (gave up on " + action + " after " + (attempt + 1) + " attempts: time budget spent)");
        }
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
