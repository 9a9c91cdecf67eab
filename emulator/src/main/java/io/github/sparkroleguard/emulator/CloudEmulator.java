package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.sparkroleguard.transport.Sleeper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One account's cloud on one loopback port: RAM 2015-05-01, ActionTrail 2020-07-06, Resource
 * Management 2020-03-31 and EventBridge's reads, spoken exactly as the V1 SDK sends them, and OSS
 * (path-style) for the guard's shared state. The RPC services: parameters in the query or a form body, HMAC-SHA1 signature checked
 * against the configured callers, JSON answers in the documented shapes, errors as HTTP 4xx/5xx
 * with {@code {RequestId, HostId, Code, Message}}. Binds to loopback only.
 */
public final class CloudEmulator implements AutoCloseable {
  static {
    // Without it each keep-alive call waits ~40 ms for Nagle (PLATFORM.md section 8).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  static final String RAM_VERSION = "2015-05-01";
  static final String TRAIL_VERSION = "2020-07-06";
  /** RAM actions that change something; each is recorded as an ActionTrail event. */
  static final Set<String> WRITES = Set.of("CreateRole", "UpdateRole", "DeleteRole", "AttachPolicyToRole",
      "DetachPolicyFromRole", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
      "SetDefaultPolicyVersion");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EmulatedRam ram;
  private final EmulatedResourceManager resourceManager;
  private final Trail trail;
  private final EmulatedEventBridge eventBridge = new EmulatedEventBridge();
  private final Faults faults = new Faults();
  private final OssEmulator oss;
  private final ControlPolicies controlPolicies = new ControlPolicies();
  private final Map<String, Caller> callers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CallTimeline timeline = new CallTimeline();
  private final HttpServer server;
  private final ExecutorService pool;
  private final Clock clock;
  private final Sleeper sleeper;

  /** One request as received, for assertions (Signature and SecurityToken left out). */
  public static final class Request {
    public final String action;
    public final Map<String, String> parameters;
    public final int status;
    public final String code;

    Request(String action, Map<String, String> parameters, int status, String code) {
      this.action = action;
      this.parameters = Map.copyOf(parameters);
      this.status = status;
      this.code = code;
    }

    /** A RAM write that RAM accepted. */
    public boolean isSuccessfulWrite() {
      return isWrite(action, parameters.get("Version")) && status == 200;
    }
  }

  public CloudEmulator(AccountState state, int port, Clock clock) throws IOException {
    this(state, port, clock, Sleeper.REAL);
  }

  /** @param sleeper waits out injected latency (simulated in tests, so they never wait for real) */
  public CloudEmulator(AccountState state, int port, Clock clock, Sleeper sleeper) throws IOException {
    this.clock = clock;
    this.sleeper = sleeper;
    this.ram = new EmulatedRam(state, clock);
    this.resourceManager = new EmulatedResourceManager(ram);
    this.trail = new Trail(clock);
    this.oss = new OssEmulator(callers::get, faults, clock);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    // as many calls at once as a guard sends: none waits here; an idle thread takes the next call
    // (a pool that starts a thread per call until it is full costs the tests a thread per call), and
    // ends after a second, so a thousand emulated accounts hold only the threads their calls in
    // flight need (the fan-out benchmark ran out of threads with 40 kept per account)
    this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
      Thread t = new Thread(r, "cloud-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The endpoint to put in the guard's configuration. */
  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  public EmulatedRam ram() {
    return ram;
  }

  /** Resource Management's view of the same account: scoped grants, service-linked roles. */
  public EmulatedResourceManager resourceManager() {
    return resourceManager;
  }

  public Trail trail() {
    return trail;
  }

  /** OSS, on the same port (path-style requests), for the guard's shared memory. */
  public OssEmulator oss() {
    return oss;
  }

  /** EventBridge's rules per region, for the reads doctor makes. */
  public EmulatedEventBridge eventBridge() {
    return eventBridge;
  }

  public Faults faults() {
    return faults;
  }

  /** Resource Directory control policies attached to the account, enforced on writes. */
  public ControlPolicies controlPolicies() {
    return controlPolicies;
  }

  public void allow(Caller caller) {
    callers.put(caller.accessKeyId(), caller);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public void clearRequests() {
    requests.clear();
    timeline.clear();
  }

  /** Every call's start and end, OSS included, for counting sequential rounds. */
  public CallTimeline timeline() {
    return timeline;
  }

  /** Successful RAM writes received so far. */
  public List<Request> writes() {
    List<Request> out = new ArrayList<>();
    requests.forEach(r -> {
      if (r.isSuccessfulWrite()) {
        out.add(r);
      }
    });
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    long start = System.nanoTime();
    if (OssEmulator.accepts(ex)) {
      try {
        Duration latency = faults.latencyFor("oss");
        if (!latency.isZero()) {
          sleeper.sleep(latency);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      oss.handle(ex, op -> timeline.add("oss", op, start, System.nanoTime()));
      return;
    }
    handleRpc(ex, start);
  }

  private static String service(String version) {
    if (RAM_VERSION.equals(version)) {
      return "ram";
    }
    if (TRAIL_VERSION.equals(version)) {
      return "actiontrail";
    }
    return ResourceManagerActions.VERSION.equals(version) ? "resourcemanager" : "other";
  }

  /** @param start when the call arrived, for the timeline (recorded before the answer leaves) */
  private void handleRpc(HttpExchange ex, long start) throws IOException {
    String requestId = java.util.UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    String action = "";
    int status;
    String code = "";
    byte[] body;
    String contentType = "application/json;charset=utf-8";
    try {
      parse(ex.getRequestURI().getRawQuery(), params);
      parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
      action = params.getOrDefault("Action", "");
      Caller caller = authenticate(ex.getRequestMethod(), params);
      controlPolicies.enforce(action, params, caller, ram.accountId());
      Duration latency = faults.latencyFor(action);
      if (!latency.isZero()) {
        sleeper.sleep(latency);
      }
      if (faults.resetFor(action)) {
        requests.add(new Request(action, Map.of(), 0, "ConnectionReset"));
        timeline.add(service(params.get("Version")), action, start, System.nanoTime());
        ex.close(); // no answer at all: the client sees the connection drop
        return;
      }
      Optional<EmulatorException> injected = faults.errorFor(action);
      if (injected.isPresent()) {
        throw injected.get();
      }
      ObjectNode answer = dispatch(action, params);
      answer.put("RequestId", requestId);
      status = 200;
      body = JSON.writeValueAsBytes(answer);
      Optional<Faults.Malformed> malformed = faults.malformedFor(action);
      if (malformed.isPresent()) {
        body = MalformedAnswers.of(malformed.get(), answer, body);
        contentType = malformed.get() == Faults.Malformed.HTML ? "text/html;charset=utf-8" : contentType;
      }
      if (isWrite(action, params.get("Version"))) {
        trail.record(action, params, caller, ram.accountId(), requestId, "", userAgent(ex), roleId(caller));
      }
    } catch (EmulatorException e) {
      status = e.status();
      code = e.code();
      body = error(requestId, e);
      Caller caller = callers.get(params.getOrDefault("AccessKeyId", ""));
      if (isWrite(action, params.get("Version")) && caller != null && status < 500) {
        trail.record(action, params, caller, ram.accountId(), requestId, e.code(), userAgent(ex), roleId(caller));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 503;
      code = "ServiceUnavailable";
      body = error(requestId, new EmulatorException(503, code, "Interrupted."));
    } catch (RuntimeException e) {
      status = 500;
      code = "InternalError";
      body = error(requestId, new EmulatorException(500, code, "The request processing has failed due to some unknown error."));
    }
    Map<String, String> logged = new LinkedHashMap<>(params);
    logged.remove("Signature");
    logged.remove("SecurityToken");
    requests.add(new Request(action, logged, status, code));
    timeline.add(service(params.get("Version")), action, start, System.nanoTime());
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private Caller authenticate(String method, Map<String, String> params) {
    for (String required : new String[] {"Action", "Version", "AccessKeyId", "Signature", "SignatureMethod",
        "SignatureNonce", "Timestamp"}) {
      if (params.getOrDefault(required, "").isEmpty()) {
        throw EmulatorException.invalid("MissingParameter", "The input parameter \"" + required + "\" that is mandatory for processing this request is not supplied.");
      }
    }
    if (!"HMAC-SHA1".equals(params.get("SignatureMethod"))) {
      throw EmulatorException.invalid("InvalidParameter.SignatureMethod", "Only HMAC-SHA1 is supported here.");
    }
    Caller caller = callers.get(params.get("AccessKeyId"));
    if (caller == null) {
      throw EmulatorException.notFound("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    String expected = RpcSignature.sign(method, params, caller.secret());
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        params.get("Signature").getBytes(StandardCharsets.UTF_8))) {
      // The real service echoes its string to sign, which holds the AccessKeyId and STS token:
      // the guard must redact such messages, and this makes tests prove it does.
      throw EmulatorException.invalid("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. "
          + "server string to sign is:" + RpcSignature.stringToSign(method, params));
    }
    if (!caller.securityToken().isEmpty() && !caller.securityToken().equals(params.get("SecurityToken"))) {
      throw EmulatorException.invalid("InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey.");
    }
    return caller;
  }

  private ObjectNode dispatch(String action, Map<String, String> p) {
    String version = p.get("Version");
    if (eventBridge.handles(action, version)) {
      return eventBridge.run(action, p);
    }
    if ("LookupEvents".equals(action)) {
      requireVersion(version, TRAIL_VERSION);
      return trail.lookupEvents(p);
    }
    if (ResourceManagerActions.VERSION.equals(version) && ControlPolicies.READS.contains(action)) {
      return controlPolicies.answer(action, p, ram.accountId());
    }
    if (ResourceManagerActions.VERSION.equals(version)) {
      return ResourceManagerActions.run(ram, resourceManager, action, p);
    }
    requireVersion(version, RAM_VERSION);
    return RamActions.run(ram, action, p);
  }

  /** A write of RAM, or of Resource Management (told apart by the API version). */
  static boolean isWrite(String action, String version) {
    return ResourceManagerActions.VERSION.equals(version) ? ResourceManagerActions.WRITES.contains(action)
        : RAM_VERSION.equals(version) && WRITES.contains(action);
  }

  private static void requireVersion(String got, String want) {
    if (!want.equals(got)) {
      throw EmulatorException.invalid("InvalidVersion", "Specified parameter Version is not valid.");
    }
  }

  /** The id of an assumed-role caller's role in this account, if it exists here; else empty. */
  private String roleId(Caller caller) {
    String name = caller.userName();
    int colon = name.indexOf(':');
    if (!"assumed-role".equals(caller.identityType()) || colon < 0) {
      return "";
    }
    try {
      return ram.getRole(name.substring(0, colon)).roleId;
    } catch (EmulatorException e) {
      return "";
    }
  }

  private static String userAgent(HttpExchange ex) {
    String ua = ex.getRequestHeaders().getFirst("User-Agent");
    return ua == null ? "" : ua;
  }

  private byte[] error(String requestId, EmulatorException e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("RequestId", requestId).put("HostId", "ram.aliyuncs.com").put("Code", e.code()).put("Message", e.getMessage());
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException io) {
      throw new IllegalStateException(io);
    }
  }

  /** Adds the parameters of a query string or form body (URL-decoded) to {@code into}. */
  static void parse(String raw, Map<String, String> into) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.put(k, v);
    }
  }
}
