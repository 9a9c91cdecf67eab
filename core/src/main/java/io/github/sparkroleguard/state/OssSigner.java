package io.github.sparkroleguard.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OSS's V4 request signature ("Include a V4 signature in the Authorization header"; OSS stops
 * accepting V1 for new accounts and new buckets: {@link StoreFacts#SIGNATURE}). Held byte for byte
 * to the official SDK's {@code OSSV4Signer} (OssSignerSdkTest), which it follows:
 * <ul>
 *   <li>added headers: {@code x-oss-date} (yyyyMMdd'T'HHmmss'Z', UTC), {@code x-oss-content-sha256:
 *       UNSIGNED-PAYLOAD} (as the SDK sends), {@code x-oss-security-token} with STS keys;</li>
 *   <li>canonical request: VERB, the URI-encoded {@code /bucket/key} ('/' kept), the query sorted
 *       by encoded name ({@code name=value}, or {@code name} alone when the value is empty), the
 *       signed headers ({@code content-type}, {@code content-md5}, every {@code x-oss-*}; lower-case
 *       names, trimmed values, sorted), an empty line, the additional headers (none), the payload hash;</li>
 *   <li>scope {@code yyyymmdd/<bucket region>/oss/aliyun_v4_request}; key HMAC-SHA256 chain from
 *       {@code "aliyun_v4" + secret}; {@code Authorization: OSS4-HMAC-SHA256 Credential=<id>/<scope>,Signature=<hex>}.</li>
 * </ul>
 * Pure: no I/O.
 */
public final class OssSigner {
  static final String ALGORITHM = "OSS4-HMAC-SHA256";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.US).withZone(ZoneOffset.UTC);

  private OssSigner() {}

  /**
   * The headers to add to a request: {@code x-oss-date}, {@code x-oss-content-sha256},
   * {@code x-oss-security-token} (STS keys only) and {@code Authorization}.
   *
   * @param key the object key, empty for a bucket request (ListObjects, GetBucketVersioning)
   * @param query the query parameters, not encoded; an empty value is a bare name ({@code ?versioning})
   * @param headers the request's other headers (Content-Type, x-oss-forbid-overwrite, ...)
   * @param region the BUCKET's region id (cn-hangzhou), whatever endpoint reaches it
   */
  public static Map<String, String> sign(String verb, String bucket, String key, Map<String, String> query,
      Map<String, String> headers, StoreKeys keys, String region, Instant at) {
    String dateTime = DATE_TIME.format(at);
    String scope = dateTime.substring(0, 8) + "/" + region + "/oss/aliyun_v4_request";
    Map<String, String> added = new LinkedHashMap<>();
    added.put("x-oss-date", dateTime);
    added.put("x-oss-content-sha256", UNSIGNED_PAYLOAD);
    if (!keys.securityToken().isEmpty()) {
      added.put("x-oss-security-token", keys.securityToken());
    }
    Map<String, String> signed = new TreeMap<>();
    headers.forEach((k, v) -> put(signed, k, v));
    added.forEach((k, v) -> put(signed, k, v));
    String canonical = canonicalRequest(verb, "/" + bucket + "/" + key, query, signed);
    String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n" + hex(sha256(canonical));
    byte[] signingKey = hmac(("aliyun_v4" + keys.secret()).getBytes(StandardCharsets.UTF_8), dateTime.substring(0, 8));
    signingKey = hmac(signingKey, region);
    signingKey = hmac(signingKey, "oss");
    signingKey = hmac(signingKey, "aliyun_v4_request");
    added.put("Authorization", ALGORITHM + " Credential=" + keys.accessKeyId() + "/" + scope + ",Signature="
        + hex(hmac(signingKey, stringToSign)));
    return added;
  }

  private static void put(Map<String, String> signed, String name, String value) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("content-type") || n.equals("content-md5") || n.startsWith("x-oss-")) {
      signed.put(n, value.trim());
    }
  }

  static String canonicalRequest(String verb, String resource, Map<String, String> query, Map<String, String> signed) {
    StringBuilder s = new StringBuilder(verb).append('\n').append(encode(resource, true)).append('\n');
    Map<String, String> q = new TreeMap<>();
    query.forEach((k, v) -> q.put(encode(k.trim(), false), encode(v == null ? "" : v.trim(), false)));
    String sep = "";
    for (Map.Entry<String, String> e : q.entrySet()) {
      s.append(sep).append(e.getKey());
      if (!e.getValue().isEmpty()) {
        s.append('=').append(e.getValue());
      }
      sep = "&";
    }
    s.append('\n');
    signed.forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
    return s.append('\n').append('\n').append(signed.getOrDefault("x-oss-content-sha256", UNSIGNED_PAYLOAD)).toString();
  }

  /** RFC 3986 percent-encoding of UTF-8: unreserved characters as they are, '/' too when asked. */
  static String encode(String value, boolean keepSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'
          || c == '~' || (keepSlash && c == '/')) {
        out.append(c);
      } else {
        out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return s.toString();
  }
}
