package io.github.sparkroleguard.state;

/** The durable store could not be read or written; the guard falls back to per-instance memory. */
public final class StateException extends RuntimeException {
  public StateException(String message) {
    super(message);
  }

  public StateException(String message, Throwable cause) {
    super(message, cause);
  }
}
