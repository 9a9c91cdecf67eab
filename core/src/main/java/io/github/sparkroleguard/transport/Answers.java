package io.github.sparkroleguard.transport;

/**
 * Checks on what RAM and ActionTrail answered: an HTTP 200 that is not the documented JSON (a
 * proxy's HTML page, JSON cut short, a field missing or of the wrong type) becomes a
 * {@link CloudCallException} with code {@value #CODE} naming the call and the field, instead of a
 * NullPointerException deep in the guard.
 */
public final class Answers {
  /** The error code of an answer the guard cannot use. */
  public static final String CODE = "InvalidResponse";

  private Answers() {}

  /** The answer to {@code action} could not be read at all (retryable: a gateway's 5xx page). */
  public static CloudCallException unreadable(String action, String why, boolean retryable) {
    return new CloudCallException(CODE, action + " answered with something that is not the documented JSON ("
        + why + ")", retryable);
  }

  /** {@code value}, or an error saying that {@code action}'s answer lacks {@code field}. */
  public static <T> T require(T value, String action, String field) {
    if (value == null) {
      throw new CloudCallException(CODE, action + " answered without " + field, false);
    }
    return value;
  }
}
