package io.github.sparkroleguard.transport;

import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import com.aliyuncs.exceptions.ClientException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The credentials of the current invocation. The SDK client is built once per instance; FC hands
 * each invocation fresh STS credentials, which are swapped in here.
 */
public final class CredentialsHolder implements AlibabaCloudCredentialsProvider {
  public static final String ENV_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
  public static final String ENV_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
  public static final String ENV_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

  private final AtomicReference<AlibabaCloudCredentials> current = new AtomicReference<>();
  private final AlibabaCloudCredentialsProvider source;

  /** Credentials set by hand: from FC's context or the environment. */
  public CredentialsHolder() {
    this.source = null;
  }

  private CredentialsHolder(AlibabaCloudCredentialsProvider source) {
    this.source = source;
  }

  /**
   * Credentials fetched from another provider at each call (an STS session in a member account,
   * which caches and refreshes itself), remembered for redaction and to recognise own writes.
   */
  public static CredentialsHolder from(AlibabaCloudCredentialsProvider source) {
    return new CredentialsHolder(java.util.Objects.requireNonNull(source, "source"));
  }

  /** Sets the credentials; a null or empty token means long-term access keys. */
  public void set(String accessKeyId, String secret, String token) {
    if (accessKeyId == null || accessKeyId.isEmpty() || secret == null || secret.isEmpty()) {
      current.set(null);
      return;
    }
    current.set(token == null || token.isEmpty()
        ? new BasicCredentials(accessKeyId, secret)
        : new BasicSessionCredentials(accessKeyId, secret, token));
  }

  /** Reads the standard ALIBABA_CLOUD_* variables. */
  public void setFromEnvironment(Function<String, String> env) {
    set(env.apply(ENV_ID), env.apply(ENV_SECRET), env.apply(ENV_TOKEN));
  }

  /** The access key id in use (to recognise the guard's own writes); empty if none. */
  public String accessKeyId() {
    AlibabaCloudCredentials c = current.get();
    return c == null ? "" : c.getAccessKeyId();
  }

  /** Replaces the secret and token, should an error message ever echo them. */
  public String redact(String text) {
    AlibabaCloudCredentials c = current.get();
    if (text == null || c == null) {
      return text;
    }
    String out = hide(text, c.getAccessKeySecret());
    if (c instanceof BasicSessionCredentials) {
      String token = ((BasicSessionCredentials) c).getSessionToken();
      if (token != null && !token.isEmpty()) {
        out = hide(out, token);
      }
    }
    return out;
  }

  /**
   * Replaces {@code value} as it is and percent-encoded once and twice: RAM's "server string to
   * sign" holds the query (SecurityToken included) encoded twice, and an STS token is base64, so
   * its '+', '/' and '=' never appear there as they are.
   */
  private static String hide(String text, String value) {
    String once = percentEncode(value);
    return text.replace(value, "[redacted]").replace(once, "[redacted]").replace(percentEncode(once), "[redacted]");
  }

  /** RPC's percent-encoding (RFC 3986 unreserved characters kept), as the string to sign uses it. */
  private static String percentEncode(String v) {
    return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }

  @Override
  public AlibabaCloudCredentials getCredentials() throws ClientException {
    if (source != null) {
      AlibabaCloudCredentials fresh = source.getCredentials();
      current.set(fresh);
      return fresh;
    }
    AlibabaCloudCredentials c = current.get();
    if (c == null) {
      throw new ClientException("NoCredentials", "no credentials: set " + ENV_ID + " and " + ENV_SECRET
          + " (in FC they come from the function's role)");
    }
    return c;
  }
}
