package io.github.sparkroleguard.state;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Proves that a stored object was written by the guard: each body carries an HMAC-SHA256 of its
 * object key and its text under a key only the function holds ({@code state.secret}). Anyone
 * who can write the bucket can still write objects, but without the key they cannot make one
 * the guard believes; binding the key name means a genuine body copied under another key fails
 * too. The key is never printed: {@link #toString} says only that there is one.
 */
public final class Seal {
  static final String MARK = "\n#hmac-sha256:";
  /** Shortest key accepted: 32 characters (e.g. {@code openssl rand -hex 16}). */
  static final int MIN_KEY_LENGTH = 32;

  private final byte[] key;

  public Seal(String secret) {
    if (secret == null || secret.length() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException("state.secret: must be at least " + MIN_KEY_LENGTH + " characters");
    }
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The body to store under {@code objectKey}: the text and its MAC. */
  public String seal(String objectKey, String text) {
    return text + MARK + mac(objectKey, text);
  }

  /** The text of a stored body, if its MAC is the guard's for this key; empty when forged or tampered. */
  public Optional<String> open(String objectKey, String stored) {
    int at = stored.lastIndexOf(MARK);
    if (at < 0) {
      return Optional.empty();
    }
    String text = stored.substring(0, at);
    byte[] claimed = stored.substring(at + MARK.length()).trim().getBytes(StandardCharsets.US_ASCII);
    byte[] expected = mac(objectKey, text).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(claimed, expected) ? Optional.of(text) : Optional.empty();
  }

  private String mac(String objectKey, String text) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      m.update(objectKey.getBytes(StandardCharsets.UTF_8));
      m.update((byte) 0);
      byte[] d = m.doFinal(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder s = new StringBuilder();
      for (byte b : d) {
        s.append(String.format(Locale.ROOT, "%02x", b));
      }
      return s.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "Seal(key: " + key.length + " bytes)";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Seal && Arrays.equals(key, ((Seal) o).key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }
}
