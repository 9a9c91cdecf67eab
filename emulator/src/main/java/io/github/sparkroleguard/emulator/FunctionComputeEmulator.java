package io.github.sparkroleguard.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * FC 3.0's asynchronous {@code InvokeFunction} (2023-03-30) for the emulated accounts: the
 * request's ACS3-HMAC-SHA256 signature is checked with this class's own code (not the guard's
 * signer), then the event is queued and answered 202. {@link #drain} delivers queued events to
 * the registered function as FC would: a failed attempt is retried up to {@link #retries} more
 * times, then the event goes to the failure queue (the function's onFailure destination). Faults
 * model FC's delivery: an event dropped after 202, one delivered twice, one whose first attempt
 * fails before the handler runs.
 */
public final class FunctionComputeEmulator {
  static final String PREFIX = "/2023-03-30/functions/";
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(15);

  /** What FC tells the function's failure destination about an event it gave up on. */
  public static final class Failed {
    public final String function;
    public final byte[] payload;
    public final int attempts;

    Failed(String function, byte[] payload, int attempts) {
      this.function = function;
      this.payload = payload;
      this.attempts = attempts;
    }
  }

  /** One attempt to run the function with an event. */
  public static final class Attempt {
    public final byte[] payload;
    public final int attempt;
    public final boolean ok;

    Attempt(byte[] payload, int attempt, boolean ok) {
      this.payload = payload;
      this.attempt = attempt;
      this.ok = ok;
    }

    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private static final class Event {
    final String function;
    final byte[] payload;
    final boolean failFirst;

    Event(String function, byte[] payload, boolean failFirst) {
      this.function = function;
      this.payload = payload;
      this.failFirst = failFirst;
    }
  }

  /** Who a key belongs to: the emulator's caller registry (AccountsEmulator). */
  interface Keys {
    /** {accountId, secret, securityToken}, or null for an unknown key. */
    String[] lookup(String accessKeyId);
  }

  private final Keys keys;
  private final Clock clock;
  private final Map<String, Function<byte[], Boolean>> functions = new ConcurrentHashMap<>();
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final Deque<Event> queue = new ArrayDeque<>();
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();
  private final List<byte[]> accepted = new CopyOnWriteArrayList<>();
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final List<Failed> failures = new CopyOnWriteArrayList<>();
  private volatile int retries = 3;
  private int drop;
  private int duplicate;
  private int failFirst;

  FunctionComputeEmulator(Keys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  /** A function of an account: the handler says whether the invocation succeeded. */
  public void register(String ownerAccountId, String name, Function<byte[], Boolean> handler) {
    functions.put(name, handler);
    owners.put(name, ownerAccountId);
  }

  /** Retries after a failed attempt (asyncInvokeConfig.maxAsyncRetryAttempts; FC's default is 3 [doc]). */
  public void retries(int value) {
    retries = value;
  }

  /** The next {@code n} accepted events are answered 202 and never delivered. */
  public synchronized void dropNext(int n) {
    drop += n;
  }

  /** The next {@code n} accepted events are delivered twice (at-least-once delivery). */
  public synchronized void duplicateNext(int n) {
    duplicate += n;
  }

  /** The next {@code n} accepted events fail their first attempt before the handler runs (an instance lost). */
  public synchronized void failFirstAttemptOfNext(int n) {
    failFirst += n;
  }

  /** Payloads FC accepted (202), in order. */
  public List<byte[]> accepted() {
    return List.copyOf(accepted);
  }

  /** Every attempt made, in order. */
  public List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Events that failed every attempt: what the failure queue received. */
  public List<Failed> failureQueue() {
    return List.copyOf(failures);
  }

  /** Delivers every queued event, in this thread; returns how many were delivered. */
  public int drain() {
    return drain(1);
  }

  /** Delivers every queued event (events queued meanwhile too) with up to {@code parallelism} at once. */
  public int drain(int parallelism) {
    ExecutorService pool = parallelism > 1 ? Executors.newFixedThreadPool(parallelism) : null;
    int n = 0;
    try {
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      while (true) {
        Event e;
        synchronized (this) {
          e = queue.poll();
        }
        if (e == null) {
          if (running.isEmpty()) {
            break;
          }
          for (java.util.concurrent.Future<?> f : running) {
            f.get();
          }
          running.clear();
          continue;
        }
        n++;
        if (pool == null) {
          deliver(e);
        } else {
          Event event = e;
          running.add(pool.submit(() -> deliver(event)));
        }
      }
    } catch (InterruptedException | java.util.concurrent.ExecutionException ex) {
      throw new IllegalStateException("delivery interrupted", ex);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
        try {
          pool.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return n;
  }

  private void deliver(Event e) {
    Function<byte[], Boolean> handler = functions.get(e.function);
    for (int attempt = 1; attempt <= 1 + retries; attempt++) {
      boolean ok = !(e.failFirst && attempt == 1) && run(handler, e.payload);
      attempts.add(new Attempt(e.payload, attempt, ok));
      if (ok) {
        return;
      }
    }
    failures.add(new Failed(e.function, e.payload, 1 + retries));
  }

  private static boolean run(Function<byte[], Boolean> handler, byte[] payload) {
    try {
      return Boolean.TRUE.equals(handler.apply(payload));
    } catch (RuntimeException ex) {
      return false;
    }
  }

  void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    try {
      String path = ex.getRequestURI().getRawPath();
      if (!"POST".equals(ex.getRequestMethod()) || !path.startsWith(PREFIX) || !path.endsWith("/invocations")) {
        throw EmulatorException.notFound("PathNotSupported", "only POST " + PREFIX + "{functionName}/invocations");
      }
      String function = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - "/invocations".length()),
          StandardCharsets.UTF_8);
      String caller = authenticate(ex, path, body);
      if (!functions.containsKey(function)) {
        throw EmulatorException.notFound("FunctionNotFound", "function " + function + " does not exist");
      }
      if (!owners.get(function).equals(caller)) {
        throw new EmulatorException(403, "AccessDenied", "the caller's account does not own function " + function);
      }
      if (!"Async".equals(ex.getRequestHeaders().getFirst("x-fc-invocation-type"))) {
        throw EmulatorException.invalid("InvocationTypeNotSupported", "this emulator takes Async invocations only");
      }
      accepted.add(body);
      synchronized (this) {
        boolean failFirstNow = failFirst > 0 && failFirst-- > 0;
        if (drop > 0) {
          drop--;
        } else {
          queue.add(new Event(function, body, failFirstNow));
          if (duplicate > 0) {
            duplicate--;
            queue.add(new Event(function, body, false));
          }
        }
      }
      ex.getResponseHeaders().set("x-fc-request-id", java.util.UUID.randomUUID().toString());
      ex.sendResponseHeaders(202, -1);
      ex.close();
    } catch (EmulatorException e) {
      byte[] answer = ("{\"Code\":\"" + e.code() + "\",\"Message\":\"" + e.getMessage().replace("\"", "'") + "\"}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(e.status(), answer.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  /** Checks the V3 signature, the payload hash, the token and the date; returns the caller's account id. */
  private String authenticate(HttpExchange ex, String path, byte[] body) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String prefix = "ACS3-HMAC-SHA256 Credential=";
    if (auth == null || !auth.startsWith(prefix)) {
      throw new EmulatorException(401, "InvalidAuthorization", "Authorization must be ACS3-HMAC-SHA256");
    }
    String[] parts = auth.substring(prefix.length()).split(",");
    if (parts.length != 3 || !parts[1].startsWith("SignedHeaders=") || !parts[2].startsWith("Signature=")) {
      throw new EmulatorException(401, "InvalidAuthorization", "Authorization is malformed");
    }
    String[] key = keys.lookup(parts[0]);
    if (key == null) {
      throw new EmulatorException(403, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    String hash = hex(digest(body));
    if (!hash.equals(ex.getRequestHeaders().getFirst("x-acs-content-sha256"))) {
      throw new EmulatorException(400, "ContentSHA256Mismatch", "x-acs-content-sha256 is not the body's hash");
    }
    List<String> signed = List.of(parts[1].substring("SignedHeaders=".length()).split(";"));
    for (String needed : List.of("host", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256", "x-acs-action")) {
      if (!signed.contains(needed)) {
        throw new EmulatorException(403, "SignatureDoesNotMatch", needed + " must be signed");
      }
    }
    StringBuilder canonical = new StringBuilder("POST\n").append(path).append('\n').append(query(ex.getRequestURI().getRawQuery()))
        .append('\n');
    for (String h : signed) {
      String v = ex.getRequestHeaders().getFirst(h);
      canonical.append(h).append(':').append(v == null ? "" : v.trim()).append('\n');
    }
    canonical.append('\n').append(String.join(";", signed)).append('\n').append(hash);
    String expected = hex(hmac(key[1], "ACS3-HMAC-SHA256\n" + hex(digest(canonical.toString().getBytes(StandardCharsets.UTF_8)))));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        parts[2].substring("Signature=".length()).getBytes(StandardCharsets.UTF_8))) {
      throw new EmulatorException(403, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }
    if (!key[2].isEmpty() && !key[2].equals(ex.getRequestHeaders().getFirst("x-acs-security-token"))) {
      throw new EmulatorException(403, "InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey.");
    }
    Instant date;
    try {
      date = Instant.parse(String.valueOf(ex.getRequestHeaders().getFirst("x-acs-date")));
    } catch (RuntimeException e) {
      throw EmulatorException.invalid("InvalidTimeStamp.Format", "x-acs-date is not yyyy-MM-ddTHH:mm:ssZ");
    }
    if (Duration.between(date, clock.instant()).abs().compareTo(CLOCK_SKEW) > 0) {
      throw new EmulatorException(403, "InvalidTimeStamp.Expired", "x-acs-date is more than 15 minutes off");
    }
    if (!nonces.add(String.valueOf(ex.getRequestHeaders().getFirst("x-acs-signature-nonce")))) {
      throw new EmulatorException(403, "SignatureNonceUsed", "x-acs-signature-nonce was used before");
    }
    return key[0];
  }

  /** The canonical query: decoded then re-encoded RFC 3986 style, sorted by name. */
  private static String query(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "";
    }
    Map<String, String> q = new TreeMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    List<String> out = new ArrayList<>();
    q.forEach((k, v) -> out.add(rfc3986(k) + "=" + rfc3986(v)));
    return String.join("&", out);
  }

  private static String rfc3986(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format(Locale.ROOT, "%02x", b));
    }
    return sb.toString();
  }
}
