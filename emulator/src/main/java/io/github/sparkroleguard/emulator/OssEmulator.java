package io.github.sparkroleguard.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * OSS's object calls as the guard's shared memory uses them, path style on loopback
 * ({@code /bucket/key}): PutObject (with {@code x-oss-forbid-overwrite: true} an existing object
 * is 409 FileAlreadyExists and stays as it was), GetObject and HeadObject (404 NoSuchKey),
 * DeleteObject (204, also when absent), GetBucket/ListObjects ({@code prefix}, {@code marker},
 * {@code max-keys}; keys in order), GetBucketVersioning ({@code ?versioning}), GetBucketAcl ({@code ?acl}), GetBucketPolicy ({@code ?policy}). A bucket with
 * versioning Enabled or Suspended ignores {@code x-oss-forbid-overwrite}, as OSS documents. Every
 * request must carry a valid V4 signature for the bucket's region ({@link OssV4Check}, written
 * independently of the guard's signer), the STS token of its key and an x-oss-date within 15
 * minutes; errors are OSS's XML. Served by {@link CloudEmulator}'s port.
 */
public final class OssEmulator {

  /** The region of a bucket created without one. */
  public static final String DEFAULT_REGION = "cn-hangzhou";

  private final Map<String, NavigableMap<String, String>> buckets = new ConcurrentHashMap<>();
  private final Map<String, String> regions = new ConcurrentHashMap<>();
  private final Map<String, String> versioning = new ConcurrentHashMap<>();
  private final Map<String, String> acls = new ConcurrentHashMap<>();
  private final Map<String, String> policies = new ConcurrentHashMap<>();
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
    createBucket(name, DEFAULT_REGION);
  }

  /** Creates an empty bucket in a region: requests must be signed for that region. */
  public void createBucket(String name, String region) {
    regions.putIfAbsent(name, region);
    buckets.putIfAbsent(name, new TreeMap<>());
  }

  /** The bucket's policy as GetBucketPolicy answers it (none until set: 404 NoSuchBucketPolicy). */
  public void policy(String bucket, String json) {
    policies.put(bucket, json);
  }

  /** The bucket's ACL as GetBucketAcl answers it (private until set). */
  public void acl(String bucket, String grant) {
    acls.put(bucket, grant);
  }

  /** PutBucketVersioning: "Enabled" or "Suspended" (OSS never goes back to no status). */
  public void versioning(String bucket, String status) {
    versioning.put(bucket, status);
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

  /** Writes an object directly, as anyone with write access to the bucket can (tests of forged state). */
  public void put(String bucket, String key, String content) {
    NavigableMap<String, String> b = buckets.get(bucket);
    synchronized (this) {
      b.put(key, content);
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

  /** Answers one request; {@code answering} gets its operation (PutObject, ...) just before the answer leaves. */
  void handle(HttpExchange ex, java.util.function.Consumer<String> answering) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    int slash = path.indexOf('/', 1);
    String bucket = URLDecoder.decode(slash < 0 ? path.substring(1) : path.substring(1, slash), StandardCharsets.UTF_8);
    String key = slash < 0 ? "" : URLDecoder.decode(path.substring(slash + 1), StandardCharsets.UTF_8);
    String verb = ex.getRequestMethod();
    String rawQuery = ex.getRequestURI().getRawQuery();
    String op = operation(verb, key, rawQuery);
    byte[] body = ex.getRequestBody().readAllBytes();
    int status;
    byte[] answer;
    String contentType = "application/xml";
    try {
      if (down) {
        throw new EmulatorException(503, "ServiceUnavailable", "Service is temporarily unavailable.");
      }
      OssV4Check.verify(ex, regions.getOrDefault(bucket, DEFAULT_REGION), callers, clock.instant());
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
            if ("true".equals(forbid) && objects.containsKey(key) && !versioning.containsKey(bucket)) {
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
          case "GetBucketPolicy":
            text = policies.get(bucket);
            if (text == null) {
              throw new EmulatorException(404, "NoSuchBucketPolicy", "The bucket policy does not exist.");
            }
            contentType = "application/json";
            break;
          case "GetBucketAcl":
            text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy><Owner><ID>1234567890123456</ID>"
                + "<DisplayName>1234567890123456</DisplayName></Owner><AccessControlList><Grant>"
                + acls.getOrDefault(bucket, "private") + "</Grant></AccessControlList></AccessControlPolicy>";
            break;
          case "GetBucketVersioning":
            String v = versioning.get(bucket);
            text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VersioningConfiguration>"
                + (v == null ? "" : "<Status>" + v + "</Status>") + "</VersioningConfiguration>";
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
    answering.accept(op);
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

  private static String operation(String verb, String key, String rawQuery) {
    switch (verb) {
      case "PUT":
        return "PutObject";
      case "GET":
        if (key.isEmpty()) {
          if (rawQuery != null && rawQuery.matches("acl=?")) {
            return "GetBucketAcl";
          }
          if (rawQuery != null && rawQuery.matches("policy=?")) {
            return "GetBucketPolicy";
          }
          return rawQuery != null && rawQuery.matches("versioning=?") ? "GetBucketVersioning" : "ListObjects";
        }
        return "GetObject";
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
