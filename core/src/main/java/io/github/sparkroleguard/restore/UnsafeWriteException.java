package io.github.sparkroleguard.restore;

/** A write that would touch something outside the baseline; it is refused, never sent. */
public final class UnsafeWriteException extends RuntimeException {
  public UnsafeWriteException(String message) {
    super(message);
  }
}
