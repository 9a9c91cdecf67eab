package io.github.sparkroleguard.transport;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The randomness of backoff ("full jitter": a wait anywhere up to the bound), passed in so that
 * tests get the same waits, and so the same outcomes, on every run.
 */
@FunctionalInterface
public interface Jitter {
  /** The real one: uniform in [0, bound]. */
  Jitter RANDOM = bound -> ThreadLocalRandom.current().nextLong(bound + 1);

  /** No randomness: always the whole bound (the slowest schedule, for tests). */
  Jitter NONE = bound -> bound;

  /** A value in [0, bound]. */
  long upTo(long bound);

  /** Uniform in [0, bound] from a seeded generator: a repeatable sequence. */
  static Jitter seeded(long seed) {
    Random random = new Random(seed);
    return bound -> {
      synchronized (random) {
        return (long) (random.nextDouble() * (bound + 1));
      }
    };
  }
}
