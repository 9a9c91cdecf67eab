package io.github.sparkroleguard.handler;

/**
 * What Function Compute expects of a custom runtime's HTTP server, in one place, each fact with
 * where it comes from. [doc] = FC's documentation; [inferred] = not stated there, taken from
 * public code or reasoned; nothing here could be checked against a live FC account. The
 * {@code doctor} command reports the inferred ones.
 *
 * <ul>
 *   <li>"Principles" and "Must the listening port ... be the same": the server listens on
 *       0.0.0.0 (127.0.0.1 times out), port 9000 by default, or the port set in
 *       {@code customRuntimeConfig.port} [doc]
 *       (alibabacloud.com/help/en/functioncompute/fc/principles-1, doc-detail/209242).
 *   <li>"Event handlers": {@code POST /invoke}, the payload as the body, the common headers;
 *       status 200 and {@code x-fc-status: 200} for success, 404 for a failed invocation [doc]
 *       (alibabacloud.com/help/en/function-compute/latest/custom-runtime-event-functions).
 *   <li>"Lifecycle hooks": {@code POST /initialize} with no body, once per instance before the
 *       first invocation, only when an initializer is configured [doc]
 *       (help.aliyun.com "lifecycle-hooks-for-function-instances", doc-detail/191345).
 *   <li>"Specifications": common request headers {@code x-fc-request-id},
 *       {@code x-fc-access-key-id}, {@code x-fc-access-key-secret}, {@code x-fc-security-token}
 *       (the function role's temporary credentials), {@code x-fc-control-path}; log lines
 *       {@code FC Invoke Start RequestId: X} / {@code FC Invoke End RequestId: X} [doc]
 *       (alibabacloud.com/help/en/fc/user-guide/specification-details).
 * </ul>
 */
public final class CustomRuntimeContract {
  /**
   * [doc: FC "environment variables" page] The port FC tells the instance to listen on (set from
   * {@code customRuntimeConfig.port}): read first.
   */
  public static final String LISTEN_PORT_ENV = "FC_CUSTOM_LISTEN_PORT";
  /**
   * [inferred: fc3's local runner sets it beside FC_CUSTOM_LISTEN_PORT; public custom-runtime
   * servers read it] Read when FC_CUSTOM_LISTEN_PORT is absent. s.yaml sets
   * customRuntimeConfig.port to 9000, so every source agrees on a deployed instance.
   */
  public static final String PORT_ENV = "FC_SERVER_PORT";
  /** [doc] The default listening port. */
  public static final int DEFAULT_PORT = 9000;
  /** [doc] The listening address: all interfaces. */
  public static final String BIND_HOST = "0.0.0.0";
  /** [doc] The event invocation path (POST). */
  public static final String INVOKE_PATH = "/invoke";
  /** [doc] The initializer hook path (POST). */
  public static final String INITIALIZE_PATH = "/initialize";
  /** [doc] The request id header. */
  public static final String REQUEST_ID = "x-fc-request-id";
  /** [doc] The temporary credentials of the function's role. */
  public static final String ACCESS_KEY_ID = "x-fc-access-key-id";
  public static final String ACCESS_KEY_SECRET = "x-fc-access-key-secret";
  public static final String SECURITY_TOKEN = "x-fc-security-token";
  /** [doc] The response header that reports success or failure of the function. */
  public static final String STATUS_HEADER = "x-fc-status";
  /** [doc] Status (and x-fc-status) of a successful invocation. */
  public static final int OK = 200;
  /**
   * [doc] Status (and x-fc-status) of a failed invocation; async retries and the failure
   * destination then see it. [inferred] that FC treats an initializer answered with 404 as a
   * failed initialization (the hook page lists 404 and 500, 500 restarting the instance).
   */
  public static final int FAILED = 404;
  /** [doc] Log lines FC uses to cut an instance's stdout into invocations. */
  public static final String LOG_START = "FC Invoke Start RequestId: ";
  public static final String LOG_END = "FC Invoke End RequestId: ";

  private CustomRuntimeContract() {}

  /** The port to listen on: {@link #LISTEN_PORT_ENV}, else {@link #PORT_ENV}, else {@link #DEFAULT_PORT}. */
  public static int port(java.util.function.Function<String, String> env) {
    for (String name : new String[] {LISTEN_PORT_ENV, PORT_ENV}) {
      String value = env.apply(name);
      if (value != null && !value.isBlank()) {
        String v = value.trim();
        int p = v.matches("[0-9]{1,5}") ? Integer.parseInt(v) : -1;
        if (p < 1 || p > 65535) {
          throw new IllegalArgumentException(name + ": not a port (1-65535): " + (v.length() > 16 ? v.substring(0, 16) : v));
        }
        return p;
      }
    }
    return DEFAULT_PORT;
  }
}
