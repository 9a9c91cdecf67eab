package io.github.sparkroleguard.fleet;

import com.aliyuncs.IAcsClient;
import com.aliyuncs.auth.sts.AssumeRoleRequest;
import com.aliyuncs.http.ProtocolType;
import io.github.sparkroleguard.config.Endpoint;
import io.github.sparkroleguard.transport.RateGate;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The STS client handed to the SDK's {@code STSAssumeRoleSessionCredentialsProvider}: the guard's
 * own client, with the SDK's AssumeRole request pointed at the configured STS endpoint (the request
 * class hard-codes HTTPS, PLATFORM.md section 8), given the account's ExternalId (the provider's
 * public constructor has no way to set one) and paced under STS's quota.
 */
final class StsClient {
  static final int CONNECT_TIMEOUT_MS = 3_000;
  static final int READ_TIMEOUT_MS = 10_000;

  private StsClient() {}

  static IAcsClient forAccount(IAcsClient base, Endpoint sts, String externalId, RateGate gate) {
    InvocationHandler h = (proxy, method, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof AssumeRoleRequest) {
        AssumeRoleRequest r = (AssumeRoleRequest) args[0];
        r.setSysEndpoint(sts.host());
        r.setSysProtocol(sts.https() ? ProtocolType.HTTPS : ProtocolType.HTTP);
        r.setSysConnectTimeout(CONNECT_TIMEOUT_MS);
        r.setSysReadTimeout(READ_TIMEOUT_MS);
        if (!externalId.isEmpty()) {
          r.setExternalId(externalId);
        }
        gate.acquire();
      }
      try {
        return method.invoke(base, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (IAcsClient) Proxy.newProxyInstance(StsClient.class.getClassLoader(), new Class<?>[] {IAcsClient.class}, h);
  }
}
