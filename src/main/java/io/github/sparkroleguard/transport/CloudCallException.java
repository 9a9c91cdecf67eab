package io.github.sparkroleguard.transport;


/** A RAM (or ActionTrail) call failed; {@code code} is the service's error code. */
public final class CloudCallException extends RuntimeException implements TransientFailure {
  private final String code;
  private final boolean retryable;

  private final String detail;

  public CloudCallException(String code, String message, boolean retryable) {
    super(code + ": " + message);
    this.code = code == null ? "" : code;
    this.retryable = retryable;
    this.detail = message;
  }

  @Override
  public CloudCallException withNote(String note) {
    return new CloudCallException(code, detail + note, retryable);
  }

  public String code() {
    return code;
  }

  /** Throttling, 5xx, unavailable service or a network timeout: worth trying again. */
  @Override
  public boolean retryable() {
    return retryable;
  }

  /** The entity a write would create already exists, or is already attached: converged. */
  public boolean alreadyExists() {
    return code.startsWith("EntityAlreadyExists");
  }

  public boolean notFound() {
    return code.startsWith("EntityNotExist");
  }
}
