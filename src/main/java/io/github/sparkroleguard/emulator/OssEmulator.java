package io.github.sparkroleguard.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OSS's object calls as the guard's shared memory uses them, path style on loopback
 * ({@code /bucket/key}): PutObject (with {@code x-oss-forbid-overwrite: true} an existing object
 * is 409 FileAlreadyExists and stays as it was), GetObject and HeadObject (404 NoSuchKey),
 * DeleteObject (204, also when absent), GetBucket/ListObjects ({@code prefix}, {@code marker},
 * {@code max-keys}; keys in order). Every request must carry a valid V1 signature (checked here
 * from the documented algorithm, independently of the guard's signer), the STS token of its key
 * and a Date within 15 minutes; errors are OSS's XML. Served by {@link RamEmulator}'s port.
 */
public final class OssEmulator {
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final Map<String, NavigableMap<String, String>> buckets = new ConcurrentHashMap<>();
  private final Function<String, Caller> callers;
  private final Faults faults;
  private final Clock clock;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean down;

  OssEmulator(Function<String, Caller> callers, Faults faults, Clock clock) {
    this.callers = callers;
    this.faults = faults;
    this.clock = clock;
  }

  /** Creates an empty bucket (the workspace's bucket already exists in a real account). */
  public void createBucket(String name) {
    buckets.putIfAbsent(name, new TreeMap<>());
  }

  /** true: every OSS call answers 503, as when the store is unreachable or refuses. */
  public void down(boolean value) {
    down = value;
  }

  /** The objects of a bucket, key to content, in key order. */
  public Map<String, String> objects(String bucket) {
    NavigableMap<String, String> b = buckets.get(bucket);
    synchronized (this) {
      return b == null ? Map.of() : Map.copyOf(b);
    }
  }

  /** Every call received, as "Operation key status". */
  public List<String> calls() {
    return List.copyOf(calls);
  }

  /** Whether a request is for this emulator: anything but the RPC path "/". */
  static boolean accepts(HttpExchange ex) {
    return !"/".equals(ex.getRequestURI().getRawPath());
  }

  void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    int slash = path.indexOf('/', 1);
    String bucket = URLDecoder.decode(slash < 0 ? path.substring(1) : path.substring(1, slash), StandardCharsets.UTF_8);
    String key = slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
    String verb = ex.getRequestMethod();
    String op = operation(verb, key);
    byte[] body = ex.getRequestBody().readAllBytes();
    int status;
    byte[] answer;
    String contentType = "application/xml";
    try {
      if (down) {
        throw new EmulatorException(503, "ServiceUnavailable", "Service is temporarily unavailable.");
      }
      authenticate(ex, verb, "/" + bucket + "/" + key);
      Optional<EmulatorException> injected = faults.errorFor(op);
      if (injected.isPresent()) {
        throw injected.get();
      }
      NavigableMap<String, String> objects = buckets.get(bucket);
      if (objects == null) {
        throw new EmulatorException(404, "NoSuchBucket", "The specified bucket does not exist.");
      }
      String text = null;
      status = 200;
      synchronized (this) {
        switch (op) {
          case "PutObject":
            String forbid = ex.getRequestHeaders().getFirst("x-oss-forbid-overwrite");
            if (forbid != null && !forbid.equals("true") && !forbid.equals("false")) {
              throw new EmulatorException(400, "InvalidArgument", "x-oss-forbid-overwrite must be true or false.");
            }
            if ("true".equals(forbid) && objects.containsKey(key)) {
              throw new EmulatorException(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
            }
            objects.put(key, new String(body, StandardCharsets.UTF_8));
            break;
          case "GetObject":
          case "HeadObject":
            text = objects.get(key);
            if (text == null) {
              throw new EmulatorException(404, "NoSuchKey", "The specified key does not exist.");
            }
            contentType = "text/plain";
            break;
          case "DeleteObject":
            objects.remove(key);
            status = 204;
            break;
          default:
            text = list(bucket, objects, query(ex.getRequestURI().getRawQuery()));
        }
      }
      answer = text == null || "HeadObject".equals(op) ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    } catch (EmulatorException e) {
      status = e.status();
      answer = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + e.code() + "</Code><Message>" + e.getMessage()
          + "</Message><RequestId>5C3D9175B6FC201293AD4890</RequestId><HostId>" + bucket + ".oss.example</HostId></Error>")
          .getBytes(StandardCharsets.UTF_8);
    }
    calls.add(op + " " + key + " " + status);
    ex.getResponseHeaders().set("Content-Type", contentType);
    boolean empty = status == 204 || "HEAD".equals(verb);
    ex.sendResponseHeaders(status, empty ? -1 : answer.length);
    if (!empty) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    }
    ex.close();
  }

  private static String operation(String verb, String key) {
    switch (verb) {
      case "PUT":
        return "PutObject";
      case "GET":
        return key.isEmpty() ? "ListObjects" : "GetObject";
      case "HEAD":
        return "HeadObject";
      case "DELETE":
        return "DeleteObject";
      default:
        return verb;
    }
  }

  private static String list(String bucket, NavigableMap<String, String> objects, Map<String, String> q) {
    String prefix = q.getOrDefault("prefix", "");
    String marker = q.getOrDefault("marker", "");
    int max;
    try {
      max = Integer.parseInt(q.getOrDefault("max-keys", "100"));
    } catch (NumberFormatException e) {
      throw new EmulatorException(400, "InvalidArgument", "max-keys is not a number.");
    }
    if (max < 1 || max > 1000) {
      throw new EmulatorException(400, "InvalidArgument", "max-keys must be between 1 and 1000.");
    }
    List<String> keys = new ArrayList<>();
    boolean truncated = false;
    for (String k : objects.tailMap(marker, false).keySet()) {
      if (!k.startsWith(prefix)) {
        if (k.compareTo(prefix) > 0) {
          break;
        }
        continue;
      }
      if (keys.size() == max) {
        truncated = true;
        break;
      }
      keys.add(k);
    }
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>")
        .append(bucket).append("</Name><Prefix>").append(escape(prefix)).append("</Prefix><Marker>").append(escape(marker))
        .append("</Marker><MaxKeys>").append(max).append("</MaxKeys><Delimiter></Delimiter><IsTruncated>").append(truncated)
        .append("</IsTruncated>");
    if (truncated) {
      x.append("<NextMarker>").append(escape(keys.get(keys.size() - 1))).append("</NextMarker>");
    }
    for (String k : keys) {
      x.append("<Contents><Key>").append(escape(k)).append("</Key><Size>").append(objects.get(k).length())
          .append("</Size><StorageClass>Standard</StorageClass></Contents>");
    }
    return x.append("</ListBucketResult>").toString();
  }

  /** The documented V1 check: Authorization "OSS id:sig", Date within 15 minutes, STS token. */
  private void authenticate(HttpExchange ex, String verb, String resource) {
    String auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
    if (!auth.startsWith("OSS ") || auth.indexOf(':') < 0) {
      throw new EmulatorException(403, "AccessDenied", "You have no right to access this object because of bucket acl.");
    }
    String id = auth.substring(4, auth.indexOf(':'));
    Caller caller = callers.apply(id);
    if (caller == null) {
      throw new EmulatorException(403, "InvalidAccessKeyId", "The OSS Access Key Id you provided does not exist in our records.");
    }
    String date = Optional.ofNullable(ex.getRequestHeaders().getFirst("Date")).orElse("");
    Instant at;
    try {
      at = ZonedDateTime.parse(date, HTTP_DATE).toInstant();
    } catch (RuntimeException e) {
      throw new EmulatorException(403, "AccessDenied", "Invalid date format of the request.");
    }
    if (Duration.between(at, clock.instant()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
      throw new EmulatorException(403, "RequestTimeTooSkewed", "The difference between the request time and the current time is too large.");
    }
    TreeMap<String, String> ossHeaders = new TreeMap<>();
    ex.getRequestHeaders().forEach((k, v) -> {
      String name = k.toLowerCase(Locale.ROOT);
      if (name.startsWith("x-oss-")) {
        ossHeaders.put(name, String.join(",", v).trim());
      }
    });
    StringBuilder s = new StringBuilder(verb).append('\n')
        .append(header(ex, "Content-MD5")).append('\n')
        .append(header(ex, "Content-Type")).append('\n')
        .append(date).append('\n');
    ossHeaders.forEach((k, v) -> s.append(k).append(':').append(v).append('\n'));
    s.append(resource);
    String expected;
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(caller.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      expected = Base64.getEncoder().encodeToString(mac.doFinal(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        auth.substring(auth.indexOf(':') + 1).getBytes(StandardCharsets.UTF_8))) {
      throw new EmulatorException(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
    }
    if (!caller.securityToken().isEmpty() && !caller.securityToken().equals(ossHeaders.get("x-oss-security-token"))) {
      throw new EmulatorException(403, "InvalidAccessKeyId", "The security token you provided is invalid.");
    }
  }

  private static String header(HttpExchange ex, String name) {
    String v = ex.getRequestHeaders().getFirst(name);
    return v == null ? "" : v;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new TreeMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String escape(String v) {
    return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
