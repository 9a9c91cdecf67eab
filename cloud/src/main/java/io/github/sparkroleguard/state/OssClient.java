package io.github.sparkroleguard.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OSS calls the store makes, spoken over the JDK's own HTTP client with OSS's V4 signature
 * ({@link OssSigner}): no OSS SDK jar. One attempt per call, and each call has a deadline on its
 * whole duration, not only between bytes: a server that trickles its answer is cut at the deadline
 * (the connection is closed under the reader), and the store is replaced by per-instance memory
 * for the invocation ({@link FallbackState}), never waited for. Before its first create-only write
 * the client asks whether the bucket keeps versions: there OSS ignores {@code x-oss-forbid-overwrite}
 * ({@link StoreFacts#VERSIONING}), so such a bucket is refused. Errors are OSS's XML {@code <Error><Code>}.
 */
public final class OssClient {
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern KEY = Pattern.compile("<Key>([^<]*)</Key>");
  private static final Pattern STATUS = Pattern.compile("<Status>\\s*([A-Za-z]*)\\s*</Status>");
  private static final Pattern GRANT = Pattern.compile("<Grant>\\s*([a-z-]{1,40})\\s*</Grant>");
  private static final Pattern TRUNCATED = Pattern.compile("<IsTruncated>\\s*true\\s*</IsTruncated>");
  private static final int MAX_BODY = 1 << 20;
  /** Buckets (endpoint/bucket) seen without versioning by this instance: asked once per instance. */
  private static final Set<String> UNVERSIONED = ConcurrentHashMap.newKeySet();

  private final String host;
  private final boolean https;
  private final String bucket;
  private final String region;
  private final Supplier<StoreKeys> keys;
  private final Clock clock;
  private final int timeoutMillis;
  private final int deadlineMillis;

  /**
   * @param host the OSS endpoint, host[:port]: {@code oss-cn-hangzhou-internal.aliyuncs.com}
   *     (virtual-hosted: {@code bucket.host}), or a loopback address (path style {@code host/bucket})
   * @param region the bucket's region, which the V4 signature names
   * @param timeoutMillis connect timeout, and the longest wait between two bytes
   * @param deadlineMillis the longest a whole call may take, answer included
   */
  public OssClient(String host, boolean https, String bucket, String region, Supplier<StoreKeys> keys, Clock clock,
      int timeoutMillis, int deadlineMillis) {
    this.host = host;
    this.https = https;
    this.bucket = bucket;
    this.region = region;
    this.keys = keys;
    this.clock = clock;
    this.timeoutMillis = Math.min(timeoutMillis, deadlineMillis);
    this.deadlineMillis = deadlineMillis;
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
   * object already exists (409 FileAlreadyExists) and nothing was written. A create-only write to
   * a bucket that keeps versions fails (the header would be ignored there).
   */
  public boolean put(String key, String body, boolean createOnly) {
    Map<String, String> h = new LinkedHashMap<>();
    if (createOnly) {
      requireUnversioned();
      h.put(StoreFacts.CREATE_ONLY_HEADER, "true");
    }
    h.put("Content-Type", "text/plain");
    Answer a = call("PUT", key, Map.of(), h, body.getBytes(StandardCharsets.UTF_8));
    if (a.status == 409 && StoreFacts.ALREADY_EXISTS.equals(a.code)) {
      return false;
    }
    expect(a, "PutObject", key);
    return true;
  }

  /** GetObject; empty when there is no such object (404 NoSuchKey). */
  public Optional<String> get(String key) {
    Answer a = call("GET", key, Map.of(), Map.of(), null);
    if (a.status == 404 && !"NoSuchBucket".equals(a.code)) {
      return Optional.empty();
    }
    expect(a, "GetObject", key);
    return Optional.of(new String(a.body, StandardCharsets.UTF_8));
  }

  /** DeleteObject; deleting what is not there is success, as in OSS. */
  public void delete(String key) {
    expect(call("DELETE", key, Map.of(), Map.of(), null), "DeleteObject", key);
  }

  /** One page of GetBucket (ListObjects): keys after {@code marker} under {@code prefix}, in order. */
  public List<String> list(String prefix, String marker, int maxKeys) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("prefix", prefix);
    if (!marker.isEmpty()) {
      q.put("marker", marker);
    }
    q.put("max-keys", Integer.toString(maxKeys));
    Answer a = call("GET", "", q, Map.of(), null);
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

  /**
   * GetBucketVersioning: {@code Enabled}, {@code Suspended}, or empty when versioning was never
   * turned on (the only state in which create-only writes hold).
   */
  public String versioning() {
    Answer a = call("GET", "", Map.of("versioning", ""), Map.of(), null);
    expect(a, "GetBucketVersioning", "");
    Matcher m = STATUS.matcher(new String(a.body, StandardCharsets.UTF_8));
    String status = m.find() ? m.group(1) : "";
    if (status.isEmpty()) {
      UNVERSIONED.add(host + "/" + bucket);
    }
    return status;
  }

  /**
   * GetBucketAcl: one of {@link StoreFacts#ACLS}. The answer is read as untrusted: any other value
   * is an error, not a grant.
   */
  public String acl() {
    Answer a = call("GET", "", Map.of("acl", ""), Map.of(), null);
    expect(a, "GetBucketAcl", "");
    Matcher m = GRANT.matcher(new String(a.body, StandardCharsets.UTF_8));
    String grant = m.find() ? m.group(1) : "";
    if (!StoreFacts.ACLS.contains(grant)) {
      throw new StateException("GetBucketAcl on " + describe() + " answered no known Grant (expected one of "
          + String.join(", ", StoreFacts.ACLS) + ")");
    }
    return grant;
  }

  /** GetBucketPolicy: the policy's JSON text (at most 1 MiB read), or empty when the bucket has none. */
  public Optional<String> bucketPolicy() {
    Answer a = call("GET", "", Map.of("policy", ""), Map.of(), null);
    if (a.status == 404 && StoreFacts.NO_POLICY.equals(a.code)) {
      return Optional.empty();
    }
    expect(a, "GetBucketPolicy", "");
    return Optional.of(new String(a.body, StandardCharsets.UTF_8));
  }

  /** Where the calls go, for messages: {@code oss://bucket via host (region)}. */
  public String describe() {
    return "oss://" + bucket + " via " + (https ? "https://" : "http://") + host + " (" + region + ")";
  }

  private void requireUnversioned() {
    if (UNVERSIONED.contains(host + "/" + bucket)) {
      return;
    }
    String status = versioning();
    if (!status.isEmpty()) {
      throw new StateException("OSS bucket " + bucket + " has versioning " + status + ": OSS ignores "
          + StoreFacts.CREATE_ONLY_HEADER + " there, so no write is create-only; use a bucket without versioning");
    }
  }

  private static void expect(Answer a, String call, String key) {
    if (a.status < 200 || a.status >= 300) {
      throw new StateException("OSS " + call + " " + key + ": HTTP " + a.status + (a.code.isEmpty() ? "" : " " + a.code));
    }
  }

  private Answer call(String verb, String key, Map<String, String> query, Map<String, String> headers, byte[] body) {
    StoreKeys k = keys.get();
    if (k == null || k.accessKeyId().isEmpty()) {
      throw new StateException("OSS " + verb + ": no credentials");
    }
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(OssSigner.sign(verb, bucket, key, query, headers, k, region, clock.instant()));
    HttpURLConnection c;
    try {
      c = (HttpURLConnection) new URL(url(key, query)).openConnection();
    } catch (IOException e) {
      throw new StateException("OSS " + verb + " " + key + ": " + e.getClass().getSimpleName(), e);
    }
    AtomicBoolean cut = new AtomicBoolean();
    ScheduledFuture<?> watchdog = Deadlines.TIMER.schedule(() -> {
      cut.set(true);
      c.disconnect();
    }, deadlineMillis, TimeUnit.MILLISECONDS);
    try {
      return exchange(c, verb, all, body);
    } catch (IOException | RuntimeException e) {
      if (cut.get()) {
        throw new StateException("OSS " + verb + " " + key + ": no complete answer within the deadline of " + deadlineMillis
            + " ms", e);
      }
      if (e instanceof StateException) {
        throw (StateException) e;
      }
      throw new StateException("OSS " + verb + " " + key + ": " + e.getClass().getSimpleName(), e);
    } finally {
      watchdog.cancel(false);
    }
  }

  private Answer exchange(HttpURLConnection c, String verb, Map<String, String> headers, byte[] body) throws IOException {
    c.setRequestMethod(verb);
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setConnectTimeout(timeoutMillis);
    c.setReadTimeout(timeoutMillis);
    headers.forEach(c::setRequestProperty);
    if (body != null) {
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
  }

  private String url(String key, Map<String, String> query) {
    boolean pathStyle = host.startsWith("127.") || host.startsWith("localhost") || host.matches("[0-9.]+(:[0-9]+)?");
    String base = (https ? "https://" : "http://") + (pathStyle ? host + "/" + bucket : bucket + "." + host);
    StringBuilder q = new StringBuilder();
    query.forEach((n, v) -> q.append(q.length() == 0 ? "?" : "&").append(OssSigner.encode(n, false))
        .append(v.isEmpty() ? "" : "=" + OssSigner.encode(v, false)));
    return base + "/" + OssSigner.encode(key, true) + q;
  }

  private static String unescape(String v) {
    return v.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
  }

  /** One daemon thread for every call's deadline, started with the first call. */
  private static final class Deadlines {
    static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "oss-deadline");
      t.setDaemon(true);
      return t;
    });

    static {
      TIMER.setRemoveOnCancelPolicy(true);
    }
  }
}
