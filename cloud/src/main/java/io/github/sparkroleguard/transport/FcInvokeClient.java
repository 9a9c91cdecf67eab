package io.github.sparkroleguard.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FC 3.0's {@code InvokeFunction} (API 2023-03-30), asynchronous: {@code POST
 * /2023-03-30/functions/{name}/invocations} with {@code x-fc-invocation-type: Async}, signed
 * {@link Acs3Signer ACS3-HMAC-SHA256} with the function's own STS credentials, over the JDK's
 * HTTP client (no FC SDK in the jar). FC answers 202 when it has queued the event; it then runs,
 * retries and dead-letters it by the function's asynchronous-invocation configuration [doc: FC
 * "asynchronous invocations"]. The request equals what {@code com.aliyun:fc20230330} builds
 * ({@code FcInvokeSdkIT}).
 */
public final class FcInvokeClient {
  public static final String API_VERSION = "2023-03-30";
  /** FC queues an asynchronous invocation and answers 202 Accepted [doc: InvokeFunction, "asynchronous invocations"]. */
  public static final int ACCEPTED = 202;
  private static final DateTimeFormatter ACS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern CODE = Pattern.compile("\"Code\"\\s*:\\s*\"([A-Za-z0-9.]{1,64})\"");
  private static final int MAX_ANSWER = 64 * 1024;

  /** The signing keys: the function's STS credentials. */
  public interface Keys {
    /** {accessKeyId, secret, securityToken (may be empty)}; throws when there are none. */
    String[] current();
  }

  /** A request as it goes on the wire (for the SDK-equality test and the emulator's tests). */
  public static final class Request {
    public final String method;
    public final String path;
    public final Map<String, String> query;
    public final Map<String, String> headers;
    public final byte[] body;

    Request(String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.headers = headers;
      this.body = body;
    }
  }

  private final String host;
  private final boolean https;
  private final String functionName;
  private final String qualifier;
  private final Keys keys;
  private final Clock clock;
  private final Supplier<String> nonces;
  private final int timeoutMillis;

  /**
   * @param host host[:port]: {@code <accountId>.<region>-internal.fc.aliyuncs.com} in FC [doc: FC 3.0 endpoints]
   * @param qualifier version or alias; empty: LATEST
   */
  public FcInvokeClient(String host, boolean https, String functionName, String qualifier, Keys keys, Clock clock,
      Supplier<String> nonces, int timeoutMillis) {
    this.host = host;
    this.https = https;
    this.functionName = functionName;
    this.qualifier = qualifier;
    this.keys = keys;
    this.clock = clock;
    this.nonces = nonces;
    this.timeoutMillis = timeoutMillis;
  }

  /** The signed request for one asynchronous invocation with this payload. */
  public Request build(byte[] payload) {
    String[] k = keys.current();
    String path = "/" + API_VERSION + "/functions/" + Acs3Signer.percentEncode(functionName) + "/invocations";
    Map<String, String> query = new LinkedHashMap<>();
    if (!qualifier.isEmpty()) {
      query.put("qualifier", qualifier);
    }
    Map<String, String> h = new LinkedHashMap<>();
    h.put("host", host);
    h.put("x-acs-version", API_VERSION);
    h.put("x-acs-action", "InvokeFunction");
    h.put("x-acs-date", ACS_DATE.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    h.put("x-acs-signature-nonce", nonces.get());
    h.put("accept", "application/json");
    h.put("x-fc-invocation-type", "Async");
    h.put("content-type", "application/octet-stream");
    h.put("x-acs-content-sha256", Acs3Signer.sha256Hex(payload));
    if (!k[2].isEmpty()) {
      h.put("x-acs-accesskey-id", k[0]);
      h.put("x-acs-security-token", k[2]);
    }
    h.put("Authorization", Acs3Signer.authorization("POST", path, query, h, k[0], k[1]));
    return new Request("POST", path, query, h, payload);
  }

  /** FC did not accept an invocation: the status and FC's error code, never a key. */
  public static final class InvokeFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvokeFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Queues one asynchronous invocation; {@link InvokeFailed} when FC did not accept it. */
  public void invokeAsync(byte[] payload) {
    Request r = build(payload);
    String query = r.query.isEmpty() ? "" : "?qualifier=" + Acs3Signer.percentEncode(r.query.get("qualifier"));
    int status;
    String answer;
    try {
      HttpURLConnection c = (HttpURLConnection) new URL((https ? "https://" : "http://") + host + r.path + query).openConnection();
      c.setRequestMethod("POST");
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setConnectTimeout(timeoutMillis);
      c.setReadTimeout(timeoutMillis);
      r.headers.forEach((name, value) -> {
        if (!name.equals("host")) { // the connection writes Host from the URL: the same host[:port]
          c.setRequestProperty(name, value);
        }
      });
      c.setRequestProperty("User-Agent", "spark-role-guard");
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(r.body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(r.body);
      }
      status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      byte[] bytes = new byte[0];
      if (in != null) {
        try (InputStream s = in) {
          bytes = s.readNBytes(MAX_ANSWER);
        }
      }
      answer = new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvokeFailed("FC InvokeFunction " + functionName + ": " + e.getClass().getSimpleName(), e);
    }
    if (status == ACCEPTED) {
      return;
    }
    Matcher m = CODE.matcher(answer);
    String what = "FC InvokeFunction " + functionName + ": HTTP " + status + (m.find() ? " " + m.group(1) : "");
    throw new InvokeFailed(what, null);
  }
}
