package io.github.sparkroleguard.ram;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.http.HttpRequest;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.ram.model.v20150501.GetRoleRequest;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForRoleRequest;
import io.github.sparkroleguard.transport.JdkHttpClient;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;

/**
 * A head start for a cold instance. The first RAM call in a fresh JVM spends most of its time
 * setting things up: the SDK's endpoint tables, the JDK's HMAC-SHA1 provider, date formats, the
 * SDK's logging bridge, its response and error readers, and for HTTPS the JDK's default TLS
 * context (its trust store alone is about 200 ms). {@link #start} runs the SDK's whole request
 * path twice (a success and an error answer) on a background thread, through a throwaway client
 * whose transport answers from memory, while the caller reads the configuration; {@link #finish}
 * adds the TLS context when an endpoint is HTTPS and waits, so that FC's initializer hook leaves
 * the first event only its own work (bench/coldstart.sh). Nothing leaves the process: the client
 * has placeholder credentials and never opens a connection. A failure is ignored: it was only
 * ever a head start, and the real call sets up whatever is missing.
 */
public final class SdkWarmup {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String ROLE = "{\"RequestId\":\"warm-up\",\"Role\":{\"RoleName\":\"warm-up\",\"RoleId\":\"0\","
      + "\"Arn\":\"acs:ram::0:role/warm-up\",\"AssumeRolePolicyDocument\":\"{}\",\"MaxSessionDuration\":3600}}";
  static final String NOT_FOUND = "{\"RequestId\":\"warm-up\",\"Code\":\"EntityNotExist.Role\","
      + "\"Message\":\"The role does not exist: warm-up.\"}";

  private SdkWarmup() {}

  /** Starts warming the SDK's request path on a daemon thread. */
  public static Thread start() {
    Thread t = new Thread(SdkWarmup::requestPath, "sdk-warm-up");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Sets up TLS on this thread if {@code https}, then waits (bounded) for {@code started}. */
  public static void finish(Thread started, boolean https) {
    if (https) {
      tls();
    }
    try {
      started.join(WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The SDK's request path, from memory; true when both answers took the expected way. */
  static boolean requestPath() {
    try {
      DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou");
      HttpClientConfig http = HttpClientConfig.getDefault();
      http.setClientType(HttpClientType.Custom);
      http.setCustomClientClassName(JdkHttpClient.class.getName());
      profile.setHttpClientConfig(http);
      profile.setCloseTrace(true);
      DefaultAcsClient client = new DefaultAcsClient(profile,
          new StaticCredentialsProvider(new BasicCredentials("warm-up", "warm-up")));
      client.setHttpClient(new FromMemory(http));
      GetRoleRequest get = new GetRoleRequest();
      get.setRoleName("warm-up");
      boolean found = "warm-up".equals(client.getAcsResponse(local(get)).getRole().getRoleName());
      ListPoliciesForRoleRequest list = new ListPoliciesForRoleRequest();
      list.setRoleName("warm-up");
      try {
        client.getAcsResponse(local(list));
        return false;
      } catch (ClientException e) {
        return found && "EntityNotExist.Role".equals(e.getErrCode());
      }
    } catch (Exception | LinkageError e) {
      return false;
    }
  }

  /** The JDK's default TLS context (trust store, providers), which the first HTTPS call needs. */
  static boolean tls() {
    try {
      return HttpsURLConnection.getDefaultSSLSocketFactory() != null;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static <T extends com.aliyuncs.AcsRequest<?>> T local(T request) {
    request.setSysEndpoint("ram.warm-up.invalid");
    request.setSysProtocol(ProtocolType.HTTP);
    return request;
  }

  /**
   * The guard's transport with the exchange answered from memory: GetRole with a role, anything
   * else with a 404. The connection is built as for a real call, but never opened.
   */
  private static final class FromMemory extends JdkHttpClient {
    FromMemory(HttpClientConfig config) throws ClientException {
      super(config);
    }

    @Override
    protected HttpResponse exchange(HttpURLConnection connection, HttpRequest request) {
      boolean getRole = request.getSysUrl().contains("Action=GetRole");
      HttpResponse response = new HttpResponse(request.getSysUrl());
      response.setStatus(getRole ? 200 : 404);
      response.setHttpContent((getRole ? ROLE : NOT_FOUND).getBytes(StandardCharsets.UTF_8), "UTF-8", FormatType.JSON);
      return response;
    }
  }
}
