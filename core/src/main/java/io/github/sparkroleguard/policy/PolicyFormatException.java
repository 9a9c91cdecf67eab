package io.github.sparkroleguard.policy;

/** A policy document that is not valid JSON or not shaped like a RAM policy. */
public final class PolicyFormatException extends RuntimeException {
  public PolicyFormatException(String message) {
    super(message);
  }
}
