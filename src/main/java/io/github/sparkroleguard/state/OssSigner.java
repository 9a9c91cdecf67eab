package io.github.sparkroleguard.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OSS's V1 request signature, from its documentation ("Include a V1 signature in the
 * Authorization header"): {@code Authorization: OSS <AccessKeyId>:<Signature>}, Signature =
 * Base64(HmacSHA1(secret, VERB\nContent-MD5\nContent-Type\nDate\n + CanonicalizedOSSHeaders +
 * CanonicalizedResource)). The OSS headers are every {@code x-oss-*} header, lower-cased, sorted,
 * one {@code name:value\n} each (the STS token travels as {@code x-oss-security-token} and is
 * signed with them). The resource is {@code /bucket/key}; none of the query parameters the store
 * uses (prefix, marker, max-keys) is a signed sub-resource. Pure: no I/O.
 */
public final class OssSigner {
  private OssSigner() {}

  public static String stringToSign(String verb, String contentMd5, String contentType, String date,
      Map<String, String> headers, String resource) {
    StringBuilder s = new StringBuilder();
    s.append(verb).append('\n').append(contentMd5).append('\n').append(contentType).append('\n').append(date).append('\n');
    Map<String, String> oss = new TreeMap<>();
    headers.forEach((k, v) -> {
      String name = k.toLowerCase(Locale.ROOT);
      if (name.startsWith("x-oss-")) {
        oss.put(name, v.trim());
      }
    });
    oss.forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
    return s.append(resource).toString();
  }

  public static String signature(String secret, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 unavailable", e);
    }
  }

  public static String authorization(String accessKeyId, String secret, String stringToSign) {
    return "OSS " + accessKeyId + ":" + signature(secret, stringToSign);
  }
}
