package io.github.sparkroleguard.transport;

import java.io.IOException;

/**
 * An HTTP answer whose body is not a complete JSON object (a proxy's HTML page, JSON cut short).
 * Thrown by {@link JdkHttpClient} before the SDK reads the body: the V1 SDK's JSON reader loops
 * forever on some cut JSON (for example {@code {"a":}), measured with aliyun-java-sdk-core 4.7.10.
 * The SDK wraps it as the cause of a ClientException; the caller turns it into a clear error.
 */
public final class MalformedAnswerException extends IOException {
  private final int status;

  public MalformedAnswerException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status of the answer: a 5xx page may be a passing gateway failure, worth retrying. */
  public int status() {
    return status;
  }
}
