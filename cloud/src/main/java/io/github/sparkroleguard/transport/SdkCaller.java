package io.github.sparkroleguard.transport;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import io.github.sparkroleguard.config.Endpoint;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs SDK requests against one endpoint with the guard's settings: per-request endpoint and
 * protocol (the request classes hard-code HTTPS, PLATFORM.md section 8), timeouts, retries of
 * transient failures, and errors mapped to {@link CloudCallException} naming the service, with
 * secrets redacted. One caller serves every service the SDK reaches: RAM, Resource Management,
 * ActionTrail, STS.
 */
public final class SdkCaller {
  static final int CONNECT_TIMEOUT_MS = 3_000;
  static final int READ_TIMEOUT_MS = 10_000;

  private final IAcsClient client;
  private final Endpoint endpoint;
  private final CredentialsHolder credentials;
  private final Retrier retrier;
  private final RateGate gate;
  private final int readTimeoutMs;

  public SdkCaller(IAcsClient client, Endpoint endpoint, CredentialsHolder credentials, Retrier retrier) {
    this(client, endpoint, credentials, retrier, null);
  }

  /** @param gate paces every attempt (null: no pacing) */
  public SdkCaller(IAcsClient client, Endpoint endpoint, CredentialsHolder credentials, Retrier retrier, RateGate gate) {
    this(client, endpoint, credentials, retrier, gate, READ_TIMEOUT_MS);
  }

  /** @param readTimeoutMs how long one attempt waits for the answer (tests shorten it) */
  public SdkCaller(IAcsClient client, Endpoint endpoint, CredentialsHolder credentials, Retrier retrier, RateGate gate,
      int readTimeoutMs) {
    this.client = client;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.retrier = retrier;
    this.gate = gate;
    this.readTimeoutMs = readTimeoutMs;
  }

  /**
   * One SDK client per instance, on {@link JdkHttpClient}: building it with the SDK's Apache
   * client was the costly part of a cold start (BENCHMARKS.md).
   */
  public static IAcsClient newClient(String region, CredentialsHolder credentials) {
    return new DefaultAcsClient(profile(region), credentials);
  }

  /** The client profile every guard client uses: the JDK transport, timeouts, no tracing. */
  public static DefaultProfile profile(String region) {
    DefaultProfile profile = DefaultProfile.getProfile(region);
    HttpClientConfig http = HttpClientConfig.getDefault();
    http.setClientType(com.aliyuncs.http.HttpClientType.Custom);
    http.setCustomClientClassName(JdkHttpClient.class.getName());
    http.setConnectionTimeoutMillis(CONNECT_TIMEOUT_MS);
    http.setReadTimeoutMillis(READ_TIMEOUT_MS);
    profile.setHttpClientConfig(http);
    profile.setCloseTrace(true);
    return profile;
  }

  /**
   * A read, or a write that is harmless to repeat (RAM answers "already exists", "already
   * attached" or "not attached", or the write sets what is already set): transient failures,
   * timeouts among them, are retried within the budget.
   */
  public <T extends AcsResponse> T call(AcsRequest<T> request) {
    prepare(request);
    return retrier.run(request.getSysActionName(), () -> once(request));
  }

  /**
   * A write that is not harmless to repeat (CreatePolicyVersion adds a version each time). After
   * an attempt that may have reached RAM although no answer came back ({@link #mayHaveApplied}),
   * {@code applied} re-reads; the write is sent again only if it did not happen.
   *
   * @return the answer, or empty when a re-read showed that an earlier attempt took effect
   */
  public <T extends AcsResponse> Optional<T> callUnlessApplied(AcsRequest<T> request, BooleanSupplier applied) {
    prepare(request);
    boolean[] uncertain = {false};
    return retrier.run(request.getSysActionName(), () -> {
      if (uncertain[0] && applied.getAsBoolean()) {
        return Optional.<T>empty();
      }
      try {
        return Optional.of(once(request));
      } catch (CloudCallException e) {
        uncertain[0] |= mayHaveApplied(e.code());
        throw e;
      }
    });
  }

  private void prepare(AcsRequest<?> request) {
    request.setSysEndpoint(endpoint.host());
    request.setSysProtocol(endpoint.https() ? ProtocolType.HTTPS : ProtocolType.HTTP);
    request.setSysConnectTimeout(CONNECT_TIMEOUT_MS);
    request.setSysReadTimeout(readTimeoutMs);
  }

  /**
   * Runs an RPC call through the core's {@link CommonRequest}, for APIs the V1 jars have no
   * client for (Resource Management): POST, this caller's endpoint and protocol, the same
   * timeouts, retries and error mapping. Returns the response body (JSON).
   */
  public String callCommon(String product, String version, String action, java.util.Map<String, String> parameters) {
    return retrier.run(action, () -> {
      CommonRequest request = new CommonRequest();
      request.setSysMethod(MethodType.POST);
      request.setSysDomain(endpoint.host());
      request.setSysProtocol(endpoint.https() ? ProtocolType.HTTPS : ProtocolType.HTTP);
      request.setSysProduct(product);
      request.setSysVersion(version);
      request.setSysAction(action);
      request.setSysConnectTimeout(CONNECT_TIMEOUT_MS);
      request.setSysReadTimeout(readTimeoutMs);
      parameters.forEach(request::putQueryParameter);
      if (gate != null) {
        gate.acquire();
      }
      try {
        return client.getCommonResponse(request).getData();
      } catch (ServerException e) {
        throw new CloudCallException(service(product), e.getErrCode(), clean(e.getErrMsg()), true);
      } catch (ClientException e) {
        throw mapped(action, e).inService(service(product));
      }
    });
  }

  /** The services' names for people, by the SDK's product name (lower case). */
  private static final java.util.Map<String, String> SERVICES = java.util.Map.of("ram", "RAM",
      "resourcemanager", "Resource Management", "actiontrail", "ActionTrail", "sts", "STS", "eventbridge", "EventBridge");

  /** The service of an SDK product, named as its documentation names it (the product itself if unknown). */
  static String service(String product) {
    String p = product == null ? "" : product;
    return SERVICES.getOrDefault(p.toLowerCase(java.util.Locale.ROOT), p);
  }

  private <T extends AcsResponse> T once(AcsRequest<T> request) {
    try {
      return attempt(request);
    } catch (CloudCallException e) {
      throw e.inService(service(request.getSysProduct()));
    }
  }

  private <T extends AcsResponse> T attempt(AcsRequest<T> request) {
    if (gate != null) {
      gate.acquire();
    }
    String action = request.getSysActionName();
    T response;
    try {
      response = client.getAcsResponse(request);
    } catch (ServerException e) {
      throw new CloudCallException(e.getErrCode(), clean(e.getErrMsg()), true);
    } catch (ClientException e) {
      throw mapped(action, e);
    } catch (RuntimeException e) {
      // The SDK's JSON reader fails with its own unchecked exceptions on an HTML page, cut JSON
      // or a field of the wrong type: a clear error naming the call, never a stack trace.
      throw Answers.unreadable(action, e.getClass().getSimpleName(), false);
    }
    if (response == null) {
      throw Answers.unreadable(action, "no answer", false);
    }
    return response;
  }

  /** A client-side failure as a {@link CloudCallException}: an unreadable answer names the call. */
  private CloudCallException mapped(String action, ClientException e) {
    String code = e.getErrCode() == null ? "SDK.Unknown" : e.getErrCode();
    MalformedAnswerException malformed = malformed(e);
    if (malformed != null) {
      return Answers.unreadable(action, malformed.getMessage(), malformed.status() >= 500);
    }
    if (code.equals("SDK.InvalidServerResponse")) {
      return Answers.unreadable(action, clean(e.getErrMsg()), false);
    }
    return new CloudCallException(code, clean(e.getErrMsg()), isRetryable(code));
  }

  /** The transport's finding that the body was not JSON, if that is what failed. */
  private static MalformedAnswerException malformed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MalformedAnswerException) {
        return (MalformedAnswerException) t;
      }
    }
    return null;
  }

  /**
   * SDK messages can carry the whole signed request URL (access key id, signature, STS token)
   * or the server's string to sign: keep only scheme and host of URLs, and redact secrets.
   */
  private String clean(String message) {
    if (message == null) {
      return "";
    }
    String noQuery = URL_WITH_QUERY.matcher(message).replaceAll("$1/...");
    return credentials.redact(TokenParameters.hide(noQuery));
  }

  private static final java.util.regex.Pattern URL_WITH_QUERY =
      java.util.regex.Pattern.compile("(https?://[^/?\\s]+)[/?][^\\s]*");

  /**
   * Transient codes, as the official alicloud Terraform provider classifies them
   * (PLATFORM.md section 4), plus the SDK's own network codes: {@code SDK.ReadTimeout} is what
   * aliyun-java-sdk-core 4.7.10 reports for any SocketTimeoutException, connect or read (its
   * DefaultAcsClient, measured), {@code SDK.ServerUnreachable} any other I/O failure.
   */
  static boolean isRetryable(String code) {
    return code.startsWith("Throttling") || code.startsWith("Rejected.Throttling")
        || code.startsWith("ServiceUnavailable") || code.equals("InternalError")
        || code.equals("SDK.ServerUnreachable") || code.equals("SDK.TimeOut") || code.equals("SDK.ReadTimeout");
  }

  /**
   * Whether a write that failed with this code may nevertheless have been applied: the request
   * may have reached RAM (a timeout, a dropped connection, a 5xx). Throttling is refused before
   * anything is done.
   */
  static boolean mayHaveApplied(String code) {
    return isRetryable(code) && !code.startsWith("Throttling") && !code.startsWith("Rejected.Throttling");
  }
}
