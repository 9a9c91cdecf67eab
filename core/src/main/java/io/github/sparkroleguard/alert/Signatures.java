package io.github.sparkroleguard.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signing schemes of the chat robots, as each vendor publishes it (PLATFORM.md section 7). */
final class Signatures {
  private Signatures() {}

  /** DingTalk: urlencode(base64(HmacSHA256(key = secret, msg = timestampMs + "\n" + secret))). */
  static String dingTalk(String secret, long timestampMs) {
    byte[] mac = hmac(secret, timestampMs + "\n" + secret);
    return URLEncoder.encode(Base64.getEncoder().encodeToString(mac), StandardCharsets.UTF_8);
  }

  /** Feishu/Lark: base64(HmacSHA256(key = timestampS + "\n" + secret, msg = empty)). */
  static String feishu(String secret, long timestampS) {
    return Base64.getEncoder().encodeToString(hmac(timestampS + "\n" + secret, ""));
  }

  /** Our webhook: hex(HmacSHA256(key = secret, msg = timestamp + "." + body)). */
  static String webhook(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : mac.doFinal(body)) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] hmac(String key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
