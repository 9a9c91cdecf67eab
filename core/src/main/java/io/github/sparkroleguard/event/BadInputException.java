package io.github.sparkroleguard.event;

/** The invocation payload is not something the guard accepts; the message says what was wrong. */
public final class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
