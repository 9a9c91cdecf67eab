package io.github.sparkroleguard.transport;

/**
 * A failed call that may succeed when tried again (throttling, 5xx, a timeout). Implemented by
 * the services' exceptions so that {@link Retrier} needs to know none of them.
 */
public interface TransientFailure {
  /** Whether another attempt may help. */
  boolean retryable();

  /** The same failure, with {@code note} (why retrying stopped) appended to its message. */
  RuntimeException withNote(String note);
}
