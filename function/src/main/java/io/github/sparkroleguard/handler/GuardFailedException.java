package io.github.sparkroleguard.handler;

/**
 * Thrown out of the handler when the guard could not protect a role (or the input was bad), so
 * that Function Compute records a failed invocation: its retries and failure destination see it.
 */
public final class GuardFailedException extends RuntimeException {
  public GuardFailedException(String message) {
    super(message);
  }
}
