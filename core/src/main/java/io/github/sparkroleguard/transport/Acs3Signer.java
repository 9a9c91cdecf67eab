package io.github.sparkroleguard.transport;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's V3 request signature, {@code ACS3-HMAC-SHA256}, as the OpenAPI SDKs (tea-openapi,
 * openapiutil) compute it for ROA APIs such as FC 3.0: a canonical request of the method, the
 * path, the sorted percent-encoded query, the {@code x-acs-*}, {@code host} and
 * {@code content-type} headers (lower case, sorted, trimmed), the signed-header list and the
 * payload's SHA-256, hashed and signed with HMAC-SHA256 of the secret. {@code FcInvokeSdkIT}
 * holds it equal, byte for byte, to the official {@code com.aliyun:fc20230330} client.
 */
public final class Acs3Signer {
  public static final String ALGORITHM = "ACS3-HMAC-SHA256";

  private Acs3Signer() {}

  /** The {@code Authorization} header for a request whose headers already carry x-acs-content-sha256. */
  public static String authorization(String method, String path, Map<String, String> query, Map<String, String> headers,
      String accessKeyId, String secret) {
    Map<String, String> signed = signedHeaders(headers);
    String names = String.join(";", signed.keySet());
    String canonical = canonicalRequest(method, path, query, signed, headers.getOrDefault("x-acs-content-sha256", sha256Hex(new byte[0])));
    String toSign = ALGORITHM + "\n" + sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
    return ALGORITHM + " Credential=" + accessKeyId + ",SignedHeaders=" + names + ",Signature=" + hex(hmac(secret, toSign));
  }

  /** The canonical request (exposed so a verifier and a test can show what was signed). */
  public static String canonicalRequest(String method, String path, Map<String, String> query, Map<String, String> signed,
      String payloadHash) {
    StringBuilder headers = new StringBuilder();
    signed.forEach((k, v) -> headers.append(k).append(':').append(v).append('\n'));
    return method + "\n" + path + "\n" + canonicalQuery(query) + "\n" + headers + "\n" + String.join(";", signed.keySet())
        + "\n" + payloadHash;
  }

  /** The headers that are signed: x-acs-*, host and content-type, lower-cased, sorted, values trimmed. */
  public static Map<String, String> signedHeaders(Map<String, String> headers) {
    Map<String, String> out = new TreeMap<>();
    headers.forEach((k, v) -> {
      String key = k.toLowerCase(java.util.Locale.ROOT);
      if (key.startsWith("x-acs-") || key.equals("host") || key.equals("content-type")) {
        out.put(key, v.trim());
      }
    });
    return out;
  }

  static String canonicalQuery(Map<String, String> query) {
    StringJoiner j = new StringJoiner("&");
    new TreeMap<>(query).forEach((k, v) -> j.add(percentEncode(k) + "=" + (v == null || v.isEmpty() ? "" : percentEncode(v))));
    return j.toString();
  }

  /** RFC 3986 encoding as the SDKs do it: URLEncoder, then '+' to %20, '*' to %2A, %7E back to '~'. */
  public static String percentEncode(String value) {
    try {
      return URLEncoder.encode(value, "UTF-8").replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }
}
