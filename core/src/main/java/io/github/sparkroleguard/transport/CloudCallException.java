package io.github.sparkroleguard.transport;

/**
 * A call to a cloud service (RAM, Resource Management, ActionTrail, EventBridge, STS) failed;
 * {@code code} is the service's error code, {@code service} the service that answered it, so that
 * a message never blames RAM for what Resource Management refused.
 */
public final class CloudCallException extends RuntimeException implements TransientFailure {
  private final String service;
  private final String code;
  private final boolean retryable;

  private final String detail;

  /** A failure not yet tied to a service; {@link SdkCaller} names it. */
  public CloudCallException(String code, String message, boolean retryable) {
    this("", code, message, retryable);
  }

  /** @param service the service's name for people (e.g. "Resource Management"); empty when unknown */
  public CloudCallException(String service, String code, String message, boolean retryable) {
    super((service == null || service.isEmpty() ? "" : service + ": ") + code + ": " + message);
    this.service = service == null ? "" : service;
    this.code = code == null ? "" : code;
    this.retryable = retryable;
    this.detail = message;
  }

  @Override
  public CloudCallException withNote(String note) {
    return new CloudCallException(service, code, detail + note, retryable);
  }

  /** The same failure, naming the service that failed unless one is named already. */
  public CloudCallException inService(String value) {
    return service.isEmpty() ? new CloudCallException(value, code, detail, retryable) : this;
  }

  /** The service that failed, for people; empty when unknown. */
  public String service() {
    return service;
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
