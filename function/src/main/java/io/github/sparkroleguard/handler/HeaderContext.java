package io.github.sparkroleguard.handler;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;

/**
 * FC's invocation context rebuilt from a custom runtime's request headers, so that
 * {@link GuardHandler} runs unchanged behind {@link CustomRuntime}: the request id and the
 * function role's temporary credentials are what the guard reads. Without the credential headers
 * (a local run) there are no execution credentials, and the environment's stay in use.
 */
final class HeaderContext implements Context {
  private final String requestId;
  private final Credentials credentials;

  private HeaderContext(String requestId, Credentials credentials) {
    this.requestId = requestId;
    this.credentials = credentials;
  }

  /** @param keyId, secret, token the header values, null when absent */
  static HeaderContext of(String requestId, String keyId, String secret, String token) {
    boolean present = keyId != null && !keyId.isEmpty() && secret != null && !secret.isEmpty();
    return new HeaderContext(requestId == null ? "" : requestId, present ? new Keys(keyId, secret, token) : null);
  }

  @Override
  public String getRequestId() {
    return requestId;
  }

  @Override
  public Credentials getExecutionCredentials() {
    return credentials;
  }

  @Override
  public FunctionParam getFunctionParam() {
    return null;
  }

  @Override
  public Service getService() {
    return null;
  }

  @Override
  public FunctionComputeLogger getLogger() {
    return null;
  }

  @Override
  public OpenTracing getTracing() {
    return null;
  }

  @Override
  public int getRetryCount() {
    return 0;
  }

  private static final class Keys implements Credentials {
    private final String id;
    private final String secret;
    private final String token;

    Keys(String id, String secret, String token) {
      this.id = id;
      this.secret = secret;
      this.token = token == null || token.isEmpty() ? null : token;
    }

    @Override
    public String getAccessKeyId() {
      return id;
    }

    @Override
    public String getAccessKeySecret() {
      return secret;
    }

    @Override
    public String getSecurityToken() {
      return token;
    }

    @Override
    public String toString() {
      return "Credentials(" + id + ", secret hidden)";
    }
  }
}
