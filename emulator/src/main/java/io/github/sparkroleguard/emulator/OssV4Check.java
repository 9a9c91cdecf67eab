package io.github.sparkroleguard.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OSS's V4 signature as the server checks it, written from OSS's documentation ("Include a V4
 * signature in the Authorization header"), independently of the guard's signer: the request is
 * rebuilt from what arrived on the wire (method, path, raw query, headers) and the signature
 * recomputed with the caller's secret. Refusals in OSS's shape: 403 AccessDenied (no or a V1
 * Authorization: the bucket takes V4 only, as new buckets do), InvalidAccessKeyId, a skewed or
 * missing x-oss-date (RequestTimeTooSkewed / AccessDenied), a scope naming another region or day,
 * SignatureDoesNotMatch, and an STS key without its token.
 */
final class OssV4Check {
  private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private OssV4Check() {}

  /** Checks the request to {@code bucket} (in {@code region}), path style {@code /bucket/key}. */
  static void verify(HttpExchange ex, String region, Function<String, Caller> callers, Instant now) {
    String auth = first(ex, "Authorization");
    if (!auth.startsWith("OSS4-HMAC-SHA256 ")) {
      throw new EmulatorException(403, "AccessDenied", auth.startsWith("OSS ")
          ? "This bucket accepts V4 signatures only (OSS4-HMAC-SHA256)." : "Authorization header is missing or invalid.");
    }
    Map<String, String> fields = new HashMap<>();
    for (String part : auth.substring("OSS4-HMAC-SHA256 ".length()).split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    String[] credential = fields.getOrDefault("Credential", "").split("/", -1);
    String signature = fields.getOrDefault("Signature", "");
    if (credential.length != 5 || signature.isEmpty()) {
      throw new EmulatorException(400, "InvalidArgument", "Authorization header is malformed.");
    }
    Caller caller = callers.apply(credential[0]);
    if (caller == null) {
      throw new EmulatorException(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
    }
    String stamp = first(ex, "x-oss-date");
    Instant at;
    try {
      at = LocalDateTime.parse(stamp, STAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new EmulatorException(403, "AccessDenied", "x-oss-date is missing or invalid.");
    }
    if (Duration.between(at, now).abs().compareTo(Duration.ofMinutes(15)) > 0) {
      throw new EmulatorException(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
    }
    if (!credential[1].equals(stamp.substring(0, 8)) || !credential[3].equals("oss") || !credential[4].equals("aliyun_v4_request")) {
      throw new EmulatorException(403, "SignatureDoesNotMatch", "Invalid credential scope in Authorization header.");
    }
    if (!credential[2].equals(region)) {
      throw new EmulatorException(403, "SignatureDoesNotMatch", "Invalid signing region in Authorization header: the bucket is in "
          + region + ".");
    }
    String payload = first(ex, "x-oss-content-sha256");
    if (payload.isEmpty()) {
      throw new EmulatorException(400, "InvalidArgument", "x-oss-content-sha256 is required with V4 signatures.");
    }
    List<String> additional = new ArrayList<>();
    for (String h : fields.getOrDefault("AdditionalHeaders", "").split(";")) {
      if (!h.isBlank()) {
        additional.add(h.trim().toLowerCase(Locale.ROOT));
      }
    }
    SortedMap<String, String> headers = new TreeMap<>();
    ex.getRequestHeaders().forEach((name, values) -> {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.startsWith("x-oss-") || n.equals("content-type") || n.equals("content-md5") || additional.contains(n)) {
        headers.put(n, String.join(",", values).trim());
      }
    });
    StringBuilder canonical = new StringBuilder();
    canonical.append(ex.getRequestMethod()).append('\n');
    canonical.append(escape(ex.getRequestURI().getPath(), "/")).append('\n');
    canonical.append(query(ex.getRequestURI().getRawQuery())).append('\n');
    for (Map.Entry<String, String> h : headers.entrySet()) {
      canonical.append(h.getKey()).append(':').append(h.getValue()).append('\n');
    }
    canonical.append('\n').append(String.join(";", additional)).append('\n').append(payload);
    String scope = credential[1] + "/" + credential[2] + "/" + credential[3] + "/" + credential[4];
    String toSign = "OSS4-HMAC-SHA256\n" + stamp + "\n" + scope + "\n" + hexOf(digest(canonical.toString()));
    byte[] k = mac(("aliyun_v4" + caller.secret()).getBytes(StandardCharsets.UTF_8), credential[1]);
    for (String part : new String[] {credential[2], credential[3], credential[4]}) {
      k = mac(k, part);
    }
    String expected = hexOf(mac(k, toSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new EmulatorException(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    if (!caller.securityToken().isEmpty() && !caller.securityToken().equals(headers.get("x-oss-security-token"))) {
      throw new EmulatorException(403, "InvalidAccessKeyId", "The security token you provided is invalid.");
    }
  }

  /** The canonical query: decoded, re-encoded, sorted by name; a name alone when its value is empty. */
  private static String query(String raw) {
    TreeMap<String, String> sorted = new TreeMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        sorted.put(escape(name.trim(), ""), escape(value.trim(), ""));
      }
    }
    StringBuilder out = new StringBuilder();
    sorted.forEach((n, v) -> out.append(out.length() == 0 ? "" : "&").append(n).append(v.isEmpty() ? "" : "=" + v));
    return out.toString();
  }

  private static String escape(String s, String alsoKeep) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (UNRESERVED.indexOf(c) >= 0 || alsoKeep.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%').append(Integer.toHexString(0x100 | c).substring(1).toUpperCase(Locale.ROOT));
      }
    }
    return out.toString();
  }

  private static String first(HttpExchange ex, String name) {
    String v = ex.getRequestHeaders().getFirst(name);
    return v == null ? "" : v.trim();
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] mac(byte[] key, String data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hexOf(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) {
      s.append(Integer.toHexString(0x100 | (b & 0xff)).substring(1));
    }
    return s.toString();
  }
}
