package io.github.sparkroleguard.guard;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON returned to the caller, and whether the invocation succeeded. A failed invocation is
 * turned into an exception by the FC handler so FC's retries and failure destination see it.
 */
public final class InvocationResult {
  private final ObjectNode json;
  private final String failure;

  InvocationResult(ObjectNode json, String failure) {
    this.json = json;
    this.failure = failure;
  }

  /** A result built outside the guard's own flow (the doctor command); failure null = success. */
  public static InvocationResult of(ObjectNode json, String failure) {
    return new InvocationResult(json, failure);
  }

  public ObjectNode json() {
    return json;
  }

  public boolean ok() {
    return failure == null;
  }

  /** Why the invocation failed; null when it succeeded. */
  public String failure() {
    return failure;
  }
}
