package io.github.sparkroleguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Several emulated accounts behind one endpoint, as RAM and STS are one endpoint for every
 * account: a request goes to the account its access key belongs to (each account is a
 * {@link CloudEmulator} of its own, reached over loopback, so each keeps its own RAM state and
 * trail). STS {@code AssumeRole} (2015-04-01) is answered here: the caller must be a RAM user or
 * role the emulator knows, the target role must exist and its trust policy must name the caller's
 * role, the caller's account root, or the account id, with any {@code sts:ExternalId} condition
 * met ({@code NoPermission} otherwise, as STS answers). Resource Directory's {@code ListAccounts}
 * lists every account, the management account included (the first account added, unless
 * {@link #managementAccount} says otherwise), and {@code GetResourceDirectory} names it as
 * {@code MasterAccountId}. This class does not borrow the guard's policy code.
 */
public final class AccountsEmulator implements AutoCloseable {
  static final String STS_VERSION = "2015-04-01";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who an access key belongs to. */
  private static final class Key {
    final String accountId;
    final Caller caller;
    final String principalArn;

    Key(String accountId, Caller caller, String principalArn) {
      this.accountId = accountId;
      this.caller = caller;
      this.principalArn = principalArn;
    }
  }

  private final Map<String, CloudEmulator> accounts = new LinkedHashMap<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final List<String> assumeRoleCalls = new CopyOnWriteArrayList<>();
  private final List<Long> assumeRoleMillis = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService pool;
  private final Clock clock;
  private volatile Duration stsLatency = Duration.ZERO;
  private final FunctionComputeEmulator functions;
  private volatile String management;
  private volatile int listAccountsStatus;
  private final List<String> listAccountsCalls = new CopyOnWriteArrayList<>();

  public AccountsEmulator(Clock clock) throws IOException {
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // Threads are made on demand up to this many: every account's calls pass through here (the fan-out bench runs
    // 1,000 accounts, up to 40 at once, each call held 50 ms by its account's emulator).
    this.pool = Executors.newFixedThreadPool(256, r -> {
      Thread t = new Thread(r, "accounts-emulator");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    functions = new FunctionComputeEmulator(id -> {
      Key k = keys.get(id);
      return k == null ? null : new String[] {k.accountId, k.caller.secret(), k.caller.securityToken()};
    }, clock);
    server.createContext(FunctionComputeEmulator.PREFIX, functions::handle);
    server.start();
  }

  /** Adds an account with its own RAM state; returns its emulator (for state and faults). */
  public synchronized CloudEmulator addAccount(AccountState state, String name) throws IOException {
    CloudEmulator e = new CloudEmulator(state, 0, clock);
    accounts.put(state.accountId, e);
    names.put(state.accountId, name);
    return e;
  }

  public synchronized CloudEmulator account(String accountId) {
    return accounts.get(accountId);
  }

  /** Lets a RAM user or role of an account call: {@code roleName} null for a RAM user. */
  public void allow(String accountId, Caller caller, String roleName) {
    account(accountId).allow(caller);
    String arn = roleName == null ? "acs:ram::" + accountId + ":user/" + caller.userName()
        : "acs:ram::" + accountId + ":role/" + roleName.toLowerCase(Locale.ROOT);
    keys.put(caller.accessKeyId(), new Key(accountId, caller, arn));
  }

  /** Function Compute's asynchronous invocations (issue 25), at {@link #endpoint()}. */
  public FunctionComputeEmulator functions() {
    return functions;
  }

  /** The directory's management account (GetResourceDirectory's MasterAccountId); default the first account added. */
  public void managementAccount(String accountId) {
    management = accountId;
  }

  /** Latency added to each AssumeRole (benchmarks). */
  public void stsLatency(Duration value) {
    stsLatency = value;
  }

  /** Every ListAccounts from now on answers this HTTP status (503: ServiceUnavailable); 0: answers again. */
  public void listAccountsFailure(int status) {
    listAccountsStatus = status;
  }

  /** The page numbers ListAccounts was called for, in order (failed calls included). */
  public List<String> listAccountsCalls() {
    return List.copyOf(listAccountsCalls);
  }

  /** The role ARNs AssumeRole was called for, in order (refused ones included). */
  public List<String> assumeRoleCalls() {
    return List.copyOf(assumeRoleCalls);
  }

  /** The most AssumeRole calls answered within any one second (STS's quota is per second [doc]). */
  public int assumeRolePeakPerSecond() {
    List<Long> t = new ArrayList<>(assumeRoleMillis);
    java.util.Collections.sort(t);
    int peak = 0;
    for (int i = 0, j = 0; i < t.size(); i++) {
      while (t.get(i) - t.get(j) >= 1000) {
        j++;
      }
      peak = Math.max(peak, i - j + 1);
    }
    return peak;
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public synchronized void close() {
    server.stop(0);
    pool.shutdownNow();
    accounts.values().forEach(CloudEmulator::close);
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String query = ex.getRequestURI().getRawQuery();
    Map<String, String> params = new LinkedHashMap<>();
    CloudEmulator.parse(query, params);
    CloudEmulator.parse(new String(body, StandardCharsets.UTF_8), params);
    String requestId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    try {
      Key key = keys.get(params.getOrDefault("AccessKeyId", ""));
      if (key == null) {
        throw EmulatorException.notFound("InvalidAccessKeyId.NotFound", "Specified access key is not found.");
      }
      String action = params.getOrDefault("Action", "");
      if ("AssumeRole".equals(action) && STS_VERSION.equals(params.get("Version"))) {
        authenticate(ex.getRequestMethod(), params, key);
        answer(ex, 200, JSON.writeValueAsBytes(assumeRole(params, key, requestId)));
        return;
      }
      if ("ListAccounts".equals(action) && "2020-03-31".equals(params.get("Version"))) {
        authenticate(ex.getRequestMethod(), params, key);
        listAccountsCalls.add(params.getOrDefault("PageNumber", "1"));
        int status = listAccountsStatus;
        if (status != 0) {
          throw new EmulatorException(status, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
        }
        answer(ex, 200, JSON.writeValueAsBytes(listAccounts(params, requestId)));
        return;
      }
      if ("GetResourceDirectory".equals(action) && "2020-03-31".equals(params.get("Version"))) {
        authenticate(ex.getRequestMethod(), params, key);
        answer(ex, 200, JSON.writeValueAsBytes(resourceDirectory(requestId)));
        return;
      }
      forward(ex, account(key.accountId), query, body);
    } catch (EmulatorException e) {
      ObjectNode n = JSON.createObjectNode().put("RequestId", requestId).put("HostId", "sts.aliyuncs.com")
          .put("Code", e.code()).put("Message", e.getMessage());
      answer(ex, e.status(), JSON.writeValueAsBytes(n));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer(ex, 503, new byte[0]);
    }
  }

  private void authenticate(String method, Map<String, String> params, Key key) {
    String expected = RpcSignature.sign(method, params, key.caller.secret());
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        params.getOrDefault("Signature", "").getBytes(StandardCharsets.UTF_8))) {
      throw EmulatorException.invalid("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }
    if (!key.caller.securityToken().isEmpty() && !key.caller.securityToken().equals(params.get("SecurityToken"))) {
      throw EmulatorException.invalid("InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey.");
    }
  }

  private ObjectNode assumeRole(Map<String, String> p, Key key, String requestId) throws InterruptedException {
    Thread.sleep(stsLatency.toMillis());
    String arn = p.getOrDefault("RoleArn", "");
    assumeRoleCalls.add(arn);
    assumeRoleMillis.add(clock.millis());
    String[] parts = arn.split(":", 5);
    if (parts.length != 5 || !parts[0].equals("acs") || !parts[1].equals("ram") || !parts[4].startsWith("role/")) {
      throw EmulatorException.invalid("InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
    }
    String account = parts[3];
    String roleName = parts[4].substring("role/".length());
    CloudEmulator target = account(account);
    AccountState.Role role = null;
    if (target != null) {
      try {
        role = target.ram().getRole(roleName);
      } catch (EmulatorException e) {
        role = null;
      }
    }
    if (role == null || !trusts(role.assumeRolePolicyDocument, key, p.getOrDefault("ExternalId", ""))) {
      throw new EmulatorException(403, "NoPermission",
          "You are not authorized to do this action. You should be authorized by RAM. No permission perform sts:AssumeRole on this Role.");
    }
    long seconds = Long.parseLong(p.getOrDefault("DurationSeconds", "3600"));
    if (seconds < 900 || seconds > role.maxSessionDuration) {
      throw EmulatorException.invalid("InvalidParameter.DurationSeconds",
          "The Min/Max value of DurationSeconds is 15min/" + role.maxSessionDuration + "s.");
    }
    String session = p.getOrDefault("RoleSessionName", "");
    String id = "STS.NK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18);
    String secret = UUID.randomUUID().toString().replace("-", "");
    String token = "CAIS" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    Caller assumed = Caller.assumedRole(role.roleName, session, id, secret, token);
    allow(account, assumed, role.roleName);
    ObjectNode out = JSON.createObjectNode().put("RequestId", requestId);
    out.putObject("AssumedRoleUser").put("Arn", "acs:ram::" + account + ":role/" + role.roleName.toLowerCase(Locale.ROOT)
        + "/" + session).put("AssumedRoleId", role.roleId + ":" + session);
    out.putObject("Credentials").put("AccessKeyId", id).put("AccessKeySecret", secret).put("SecurityToken", token)
        .put("Expiration", clock.instant().plusSeconds(seconds).toString());
    return out;
  }

  /**
   * Whether a trust policy lets this caller assume the role: an Allow of sts:AssumeRole whose
   * RAM principal is the caller's ARN, its account's root, or its account id, with any
   * {@code StringEquals sts:ExternalId} condition met.
   */
  static boolean trusts(String document, Key key, String externalId) {
    JsonNode doc;
    try {
      doc = JSON.readTree(document == null ? "{}" : document);
    } catch (IOException e) {
      return false;
    }
    for (JsonNode st : list(doc.path("Statement"))) {
      if (!"Allow".equals(st.path("Effect").asText()) || !contains(list(st.path("Action")), "sts:AssumeRole")) {
        continue;
      }
      boolean principal = false;
      for (JsonNode p : list(st.path("Principal").path("RAM"))) {
        String v = p.asText();
        principal |= v.equalsIgnoreCase(key.principalArn) || v.equals("acs:ram::" + key.accountId + ":root")
            || v.equals(key.accountId);
      }
      JsonNode wanted = st.path("Condition").path("StringEquals").path("sts:ExternalId");
      boolean external = wanted.isMissingNode() || contains(list(wanted), externalId);
      if (principal && external) {
        return true;
      }
    }
    return false;
  }

  /** One page (PageNumber, PageSize: default 1 and 10, as the API reference says [inferred]) of every account. */
  private ObjectNode listAccounts(Map<String, String> params, String requestId) {
    int page = Math.max(1, Integer.parseInt(params.getOrDefault("PageNumber", "1")));
    int size = Math.max(1, Math.min(100, Integer.parseInt(params.getOrDefault("PageSize", "10"))));
    ObjectNode out = JSON.createObjectNode().put("RequestId", requestId);
    ArrayNode list = out.putObject("Accounts").putArray("Account");
    int total;
    synchronized (this) {
      List<String> ids = new java.util.ArrayList<>(accounts.keySet());
      total = ids.size();
      ids.stream().skip((long) (page - 1) * size).limit(size).forEach(id ->
          list.addObject().put("AccountId", id).put("DisplayName", names.get(id)).put("Status", "CreateSuccess")
              .put("Type", "ResourceAccount"));
    }
    out.put("TotalCount", total).put("PageNumber", page).put("PageSize", size);
    return out;
  }

  /** GetResourceDirectory's answer, shaped as the API reference's sample. */
  private synchronized ObjectNode resourceDirectory(String requestId) {
    String id = management != null ? management : accounts.keySet().stream().findFirst().orElse("");
    ObjectNode out = JSON.createObjectNode().put("RequestId", requestId);
    out.putObject("ResourceDirectory").put("ResourceDirectoryId", "rd-emulated").put("RootFolderId", "r-emulated")
        .put("MasterAccountId", id).put("MasterAccountName", names.getOrDefault(id, ""));
    return out;
  }

  /** Passes the request, unchanged (so its signature still holds), to the account's emulator. */
  private static void forward(HttpExchange ex, CloudEmulator target, String query, byte[] body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(target.endpoint() + "/" + (query == null ? "" : "?" + query))
        .toURL().openConnection();
    c.setRequestMethod(ex.getRequestMethod());
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type != null) {
      c.setRequestProperty("Content-Type", type);
    }
    String agent = ex.getRequestHeaders().getFirst("User-Agent");
    if (agent != null) {
      c.setRequestProperty("User-Agent", agent);
    }
    if (body.length > 0) {
      c.setDoOutput(true);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
    }
    int status = c.getResponseCode();
    byte[] answer;
    try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
      answer = in == null ? new byte[0] : in.readAllBytes();
    }
    if (answer.length == 0 && status == 200 && c.getContentLengthLong() != 0) {
      ex.close(); // the account's emulator dropped the connection (a fault): drop ours too
      return;
    }
    answer(ex, status, answer);
  }

  private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static List<JsonNode> list(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    } else if (!n.isMissingNode() && !n.isNull()) {
      out.add(n);
    }
    return out;
  }

  private static boolean contains(List<JsonNode> values, String wanted) {
    return values.stream().anyMatch(v -> v.asText().equals(wanted));
  }
}
