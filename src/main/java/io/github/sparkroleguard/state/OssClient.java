package io.github.sparkroleguard.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The four OSS calls the store makes, spoken over the JDK's own HTTP client: no OSS SDK
 * jar, nothing set up before the first call (the RAM SDK's transport already loaded these
 * classes). One attempt per call with short timeouts: a store that fails is replaced by
 * per-instance memory, never waited for. Error answers are OSS's XML {@code <Error><Code>}.
 */
public final class OssClient {
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
  private static final Pattern TRUNCATED = Pattern.compile("<IsTruncated>\\s*true\\s*</IsTruncated>");
  private static final int MAX_BODY = 1 << 20;

  private final String host;
  private final boolean https;
  private final String bucket;
  private final Supplier<StoreKeys> keys;
  private final Clock clock;
  private final int timeoutMillis;

  /**
   * @param host the OSS endpoint, host[:port]: {@code oss-cn-hangzhou-internal.aliyuncs.com}
   *     (virtual-hosted: {@code bucket.host}), or a loopback address (path style {@code host/bucket})
   */
  public OssClient(String host, boolean https, String bucket, Supplier<StoreKeys> keys, Clock clock, int timeoutMillis) {
    this.host = host;
    this.https = https;
    this.bucket = bucket;
    this.keys = keys;
    this.clock = clock;
    this.timeoutMillis = timeoutMillis;
  }

  /** An answer: HTTP status, OSS error code (empty on success), body. */
  static final class Answer {
    final int status;
    final String code;
    final byte[] body;

    Answer(int status, String code, byte[] body) {
      this.status = status;
      this.code = code;
      this.body = body;
    }
  }

  /**
   * PutObject. With {@code createOnly}, {@code x-oss-forbid-overwrite: true}: false when the
   * object already exists (409 FileAlreadyExists) and nothing was written.
   */
  public boolean put(String key, String body, boolean createOnly) {
    Map<String, String> h = new LinkedHashMap<>();
    if (createOnly) {
      h.put("x-oss-forbid-overwrite", "true");
    }
    Answer a = call("PUT", key, "", h, body.getBytes(StandardCharsets.UTF_8));
    if (a.status == 409 && "FileAlreadyExists".equals(a.code)) {
      return false;
    }
    expect(a, "PutObject", key);
    return true;
  }

  /** GetObject; empty when there is no such object (404 NoSuchKey). */
  public Optional<String> get(String key) {
    Answer a = call("GET", key, "", Map.of(), null);
    if (a.status == 404) {
      return Optional.empty();
    }
    expect(a, "GetObject", key);
    return Optional.of(new String(a.body, StandardCharsets.UTF_8));
  }

  /** DeleteObject; deleting what is not there is success, as in OSS. */
  public void delete(String key) {
    expect(call("DELETE", key, "", Map.of(), null), "DeleteObject", key);
  }

  /** One page of GetBucket (ListObjects): keys after {@code marker} under {@code prefix}, in order. */
  public List<String> list(String prefix, String marker, int maxKeys) {
    String query = "prefix=" + pct(prefix) + (marker.isEmpty() ? "" : "&marker=" + pct(marker)) + "&max-keys=" + maxKeys;
    Answer a = call("GET", "", query, Map.of(), null);
    expect(a, "ListObjects", prefix);
    String xml = new String(a.body, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    Matcher m = KEY.matcher(xml);
    while (m.find()) {
      out.add(unescape(m.group(1)));
    }
    if (TRUNCATED.matcher(xml).find() && out.isEmpty()) {
      throw new StateException("OSS ListObjects: truncated answer without keys");
    }
    return out;
  }

  private static void expect(Answer a, String call, String key) {
    if (a.status < 200 || a.status >= 300) {
      throw new StateException("OSS " + call + " " + key + ": HTTP " + a.status + (a.code.isEmpty() ? "" : " " + a.code));
    }
  }

  private Answer call(String verb, String key, String query, Map<String, String> ossHeaders, byte[] body) {
    StoreKeys k = keys.get();
    if (k == null || k.accessKeyId().isEmpty()) {
      throw new StateException("OSS " + verb + ": no credentials");
    }
    Map<String, String> headers = new LinkedHashMap<>(ossHeaders);
    if (!k.securityToken().isEmpty()) {
      headers.put("x-oss-security-token", k.securityToken());
    }
    String date = HTTP_DATE.format(clock.instant());
    String contentType = body == null ? "" : "text/plain";
    String resource = "/" + bucket + "/" + key;
    String auth = OssSigner.authorization(k.accessKeyId(), k.secret(),
        OssSigner.stringToSign(verb, "", contentType, date, headers, resource));
    try {
      HttpURLConnection c = (HttpURLConnection) new URL(url(key, query)).openConnection();
      c.setRequestMethod(verb);
      c.setInstanceFollowRedirects(false);
      c.setUseCaches(false);
      c.setConnectTimeout(timeoutMillis);
      c.setReadTimeout(timeoutMillis);
      c.setRequestProperty("Date", date);
      c.setRequestProperty("Authorization", auth);
      headers.forEach(c::setRequestProperty);
      if (body != null) {
        c.setRequestProperty("Content-Type", contentType);
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      byte[] answer = new byte[0];
      if (in != null) {
        try (InputStream s = in) {
          answer = s.readNBytes(MAX_BODY);
        }
      }
      String code = "";
      if (status >= 400) {
        Matcher m = CODE.matcher(new String(answer, StandardCharsets.UTF_8));
        code = m.find() ? m.group(1) : "";
      }
      return new Answer(status, code, answer);
    } catch (IOException e) {
      throw new StateException("OSS " + verb + " " + key + ": " + e.getClass().getSimpleName(), e);
    }
  }

  private String url(String key, String query) {
    boolean pathStyle = host.startsWith("127.") || host.startsWith("localhost") || host.matches("[0-9.]+(:[0-9]+)?");
    String base = (https ? "https://" : "http://") + (pathStyle ? host + "/" + bucket : bucket + "." + host);
    return base + "/" + key + (query.isEmpty() ? "" : "?" + query);
  }

  private static String pct(String v) {
    return java.net.URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String unescape(String v) {
    return v.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
  }
}
