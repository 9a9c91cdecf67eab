package io.github.sparkroleguard.bench;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.ram.model.v20150501.GetRoleRequest;
import com.aliyuncs.ram.model.v20150501.ListPoliciesForRoleRequest;
import io.github.sparkroleguard.transport.JdkHttpClient;

/**
 * The cold-start floor of the official SDK, for bench/coldstart.sh: a JVM that does nothing but
 * build the V1 SDK's client and make the two reads every inspection starts with (GetRole and
 * ListPoliciesForRole), then prints one line. No configuration, no event, no guard. Whatever the
 * guard does, its cold start cannot be below this.
 *
 * <p>Usage: {@code SdkFloor host:port [jdk|apache]}: the transport the guard uses
 * ({@link JdkHttpClient}, the default) or the SDK's own Apache client.
 */
public final class SdkFloor {
  private SdkFloor() {}

  public static void main(String[] args) throws Exception {
    String endpoint = args[0];
    boolean apache = args.length > 1 && args[1].equals("apache");
    DefaultProfile profile = DefaultProfile.getProfile("cn-hangzhou");
    HttpClientConfig http = HttpClientConfig.getDefault();
    if (!apache) {
      http.setClientType(HttpClientType.Custom);
      http.setCustomClientClassName(JdkHttpClient.class.getName());
    }
    profile.setHttpClientConfig(http);
    profile.setCloseTrace(true);
    DefaultAcsClient client = new DefaultAcsClient(profile, new StaticCredentialsProvider(new BasicCredentials(
        System.getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), System.getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"))));

    GetRoleRequest get = new GetRoleRequest();
    get.setRoleName("AliyunEMRSparkJobRunDefaultRole");
    ListPoliciesForRoleRequest list = new ListPoliciesForRoleRequest();
    list.setRoleName("AliyunEMRSparkJobRunDefaultRole");
    String role = read(client, get, endpoint);
    String policies = read(client, list, endpoint);
    System.out.println("{\"GetRole\":\"" + role + "\",\"ListPoliciesForRole\":\"" + policies + "\"}");
    client.shutdown();
  }

  /** "ok" or the error code: a deleted role answers 404, which is as much of a round trip. */
  private static String read(DefaultAcsClient client, com.aliyuncs.AcsRequest<?> request, String endpoint) {
    request.setSysEndpoint(endpoint);
    request.setSysProtocol(ProtocolType.HTTP);
    try {
      client.getAcsResponse(request);
      return "ok";
    } catch (ClientException e) {
      return e.getErrCode();
    }
  }
}
