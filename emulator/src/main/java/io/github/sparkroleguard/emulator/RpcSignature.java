package io.github.sparkroleguard.emulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1), written from the published algorithm
 * (PLATFORM.md section 8), independently of the SDK that signs the requests it checks.
 */
public final class RpcSignature {
  private RpcSignature() {}

  /** The string to sign: METHOD&%2F&pct(canonical query), Signature excluded. */
  public static String stringToSign(String method, Map<String, String> params) {
    StringBuilder canonical = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
      if ("Signature".equals(e.getKey())) {
        continue;
      }
      if (canonical.length() > 0) {
        canonical.append('&');
      }
      canonical.append(pct(e.getKey())).append('=').append(pct(e.getValue()));
    }
    return method + "&" + pct("/") + "&" + pct(canonical.toString());
  }

  public static String sign(String method, Map<String, String> params, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] raw = mac.doFinal(stringToSign(method, params).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(raw);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  /** RFC 3986 percent-encoding: only A-Z a-z 0-9 - _ . ~ stay as they are. */
  static String pct(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }
}
