package io.github.sparkroleguard.transport;

import java.util.regex.Pattern;

/**
 * Hides the value of a {@code SecurityToken} parameter in a message: RAM and STS repeat the
 * "server string to sign" in a SignatureDoesNotMatch answer, and it holds the signer's STS token,
 * as it is or percent-encoded once or twice. Needed beside {@link CredentialsHolder#redact}, which
 * only knows the credentials it holds (none yet while a member account's session is being made,
 * where the token echoed is the central role's).
 */
public final class TokenParameters {
  private static final Pattern TOKEN_PARAMETER =
      Pattern.compile("(SecurityToken(?:=|%3D|%253D))(?:(?!&|%26|%2526)[^\\s\"<])*");

  private TokenParameters() {
  }

  /** The message with every SecurityToken parameter's value replaced by {@code [redacted]}. */
  public static String hide(String message) {
    return message == null ? "" : TOKEN_PARAMETER.matcher(message).replaceAll("$1[redacted]");
  }
}
