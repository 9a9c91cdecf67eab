package io.github.sparkroleguard.transport;

import java.time.Duration;

/**
 * Waits. Passed in wherever the guard pauses (backoff, rate limits, the settle delay), so tests
 * run in simulated time instead of waiting.
 */
@FunctionalInterface
public interface Sleeper {
  /** The real one: the calling thread sleeps. */
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration d) throws InterruptedException;
}
