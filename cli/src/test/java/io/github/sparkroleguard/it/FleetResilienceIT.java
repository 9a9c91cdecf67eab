package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, section 4: a central guard keeps going when Resource Directory does not answer, says
 * so once, remembers the last discovery (in the shared store too), alerts an unreachable account
 * once across instances with a next step the operator can take, and reports unreadable records
 * and hostile display names as it does everything else from outside. The guard runs on simulated
 * time (discovery's 10-minute refresh, backoffs); the emulators and the SDK's STS sessions on real time.
 */
class FleetResilienceIT {
  static final String CENTRAL = FleetIT.CENTRAL;
  static final String A = FleetIT.A;
  static final String B = FleetIT.B;
  static final String C = FleetIT.C;
  static final String BUCKET = "central-guard-state";

  AccountsEmulator cloud;
  CloudEmulator store;
  WebhookReceiver webhook;
  final FakeTime time = new FakeTime();
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    cloud = new AccountsEmulator(Clock.systemUTC());
    AccountState central = new AccountState();
    central.accountId = CENTRAL;
    cloud.addAccount(central, "security");
    cloud.allow(CENTRAL, Caller.assumedRole(FleetIT.GUARD_ROLE, "fc", FleetIT.KEY_ID, FleetIT.SECRET, FleetIT.TOKEN),
        FleetIT.GUARD_ROLE);
    member(A, "analytics-prod", true);
    member(B, "analytics-dev", true);
    webhook = new WebhookReceiver();
  }

  @AfterEach
  void tearDown() {
    cloud.close();
    webhook.close();
    if (store != null) {
      store.close();
    }
  }

  private void member(String id, String name, boolean trustsTheGuard) throws Exception {
    AccountState s = SampleAccount.healthy(Clock.systemUTC());
    s.accountId = id;
    CloudEmulator e = cloud.addAccount(s, name);
    String principal = trustsTheGuard ? "acs:ram::" + CENTRAL + ":root" : "acs:ram::3999999999999999:root";
    e.ram().createRole(FleetIT.MEMBER_ROLE, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\"" + principal + "\"]}}]}", "member role", 3600L);
  }

  /** A central guard protecting A by name and (with discovery) every other member but the central account. */
  private GuardRuntime runtime(boolean discover, String extra) throws Exception {
    Path dir = Files.createTempDirectory("fleet-resilience");
    Files.writeString(dir.resolve("custom.json"), SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    Files.writeString(dir.resolve("guard.yaml"), "mode: restore\n"
        + "ram: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "actiontrail: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "resourcemanager: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "attributionHours: 0\n"
        + "roles:\n  - name: " + CUSTOM_ROLE + "\n    policies:\n"
        + "      - { name: " + CUSTOM_POLICY + ", type: Custom, documentFile: custom.json }\n"
        + "accounts:\n  - { id: \"" + A + "\", name: analytics-prod }\n"
        + "fleet:\n  discover: " + discover + "\n  exclude: [\"" + CENTRAL + "\"]\n  memberRole: " + FleetIT.MEMBER_ROLE
        + "\n  concurrency: 2\n  sts: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + extra
        + "alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n");
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", FleetIT.KEY_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        FleetIT.SECRET, "ALIBABA_CLOUD_SECURITY_TOKEN", FleetIT.TOKEN, "OPS_WEBHOOK_URL", webhook.url("/hook"),
        "FC_ACCOUNT_ID", CENTRAL, "GUARD_STATE_SECRET", "fleet-state-key-0123456789abcdef0123");
    return GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, log::add, time.timing());
  }

  /** The shared state in an OSS bucket of the central account (its own emulator, as in SharedFixture). */
  private String sharedStore() throws Exception {
    AccountState s = new AccountState();
    s.accountId = CENTRAL;
    store = new CloudEmulator(s, 0, time); // OSS requests are dated by the guard's (simulated) clock
    store.allow(Caller.assumedRole(FleetIT.GUARD_ROLE, "fc", FleetIT.KEY_ID, FleetIT.SECRET, FleetIT.TOKEN));
    store.oss().createBucket(BUCKET);
    return "state: { store: oss, endpoint: \"" + store.endpoint() + "\", bucket: " + BUCKET + ", prefix: guard/, "
        + "secret: \"${env:GUARD_STATE_SECRET}\" }\n";
  }

  @Test
  void discoveryFailing_stillScansTheListedAndLastDiscoveredAccounts_andAlertsOnce() throws Exception {
    GuardRuntime rt = runtime(true, "");
    assertEquals(List.of(A, B), scanned(rt.invoke(timer())));
    cloud.listAccountsFailure(503);
    cloud.account(B).ram().detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    time.advance(Duration.ofMinutes(11)); // past discovery's refresh

    InvocationResult second = rt.invoke(timer());

    assertEquals(List.of(A, B), scanned(second), "the listed account and the last discovery are still guarded");
    assertTrue(cloud.account(B).ram().listPoliciesForRole(CUSTOM_ROLE).stream()
        .anyMatch(p -> p.policyName.equals(CUSTOM_POLICY)), "B restored from the last discovery");
    assertFalse(second.ok(), "a blind spot on accounts joined since is a failed invocation");
    assertTrue(second.failure().contains("DiscoveryFailed"), second.failure());
    assertEquals("last", second.json().path("discovery").path("fallback").asText(), second.json().toString());
    assertEquals(1, discoveryAlerts());

    time.advance(Duration.ofMinutes(11));
    InvocationResult third = rt.invoke(timer());

    assertEquals(List.of(A, B), scanned(third));
    assertEquals(1, discoveryAlerts(), "the same discovery failure is not alerted again within the re-alert window");
  }

  @Test
  void discoveryFailingFromTheStart_stillScansTheListedAccount() throws Exception {
    cloud.listAccountsFailure(503);

    InvocationResult r = runtime(true, "").invoke(timer());

    assertEquals(List.of(A), scanned(r));
    assertEquals("listed", r.json().path("discovery").path("fallback").asText(), r.json().toString());
    assertEquals(1, discoveryAlerts());
  }

  @Test
  void discoveryAnswering503Forever_givesUpWithinTheInvocationsBudget() throws Exception {
    cloud.listAccountsFailure(503);
    GuardRuntime rt = runtime(true, "retryBudgetSeconds: 30\n");

    InvocationResult r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rt.invoke(timer()));

    long slept = time.sleeps.stream().mapToLong(Duration::toMillis).sum();
    assertTrue(slept <= 30_000, "discovery waited " + slept + " ms of a 30 s budget");
    assertEquals(List.of(A), scanned(r));
  }

  @Test
  void lastDiscovery_isKeptInTheSharedStore_forAnInstanceThatNeverDiscovered() throws Exception {
    String state = sharedStore();
    assertEquals(List.of(A, B), scanned(runtime(true, state).invoke(timer())));
    cloud.listAccountsFailure(503);

    InvocationResult other = runtime(true, state).invoke(timer()); // another FC instance, fresh memory

    assertEquals(List.of(A, B), scanned(other));
    assertEquals("stored", other.json().path("discovery").path("fallback").asText(), other.json().toString());
  }

  @Test
  void forgedStoredDiscovery_isIgnoredAndReported_theListedAccountsStillScanned() throws Exception {
    String state = sharedStore();
    store.oss().put(BUCKET, "guard/fleet-discovery", "{\"at\":1,\"accounts\":[{\"id\":\"not-an-id\",\"name\":\"x\"}]}");
    cloud.listAccountsFailure(503);

    InvocationResult r = runtime(true, state).invoke(timer());

    assertEquals(List.of(A), scanned(r));
    assertEquals("listed", r.json().path("discovery").path("fallback").asText(), r.json().toString());
    assertTrue(r.json().path("discovery").path("error").asText().contains("stored discovery ignored"),
        r.json().toString());
  }

  @Test
  void wellFormedButUnsignedStoredDiscovery_isIgnored_itCannotAddAnAccount() throws Exception {
    String state = sharedStore();
    store.oss().put(BUCKET, "guard/fleet-discovery",
        "{\"at\":1,\"accounts\":[{\"id\":\"" + B + "\",\"name\":\"planted\"}]}");
    cloud.listAccountsFailure(503);

    InvocationResult r = runtime(true, state).invoke(timer());

    assertEquals(List.of(A), scanned(r), "an object the guard did not write steers nothing");
    assertEquals("listed", r.json().path("discovery").path("fallback").asText(), r.json().toString());
    assertTrue(r.json().path("discovery").path("error").asText().contains("stored discovery ignored"),
        r.json().toString());
  }

  @Test
  void unreachableAccount_isAlertedOncePerWindowAcrossInstances_withAStepForThatAccount() throws Exception {
    member(C, "sandbox", false);
    String state = sharedStore();
    InvocationResult first = runtime(true, state).invoke(timer());
    InvocationResult other = runtime(true, state).invoke(timer()); // another instance, same window

    assertFalse(first.ok());
    assertFalse(other.ok(), "each invocation still fails");
    List<JsonNode> aboutC = new ArrayList<>();
    for (WebhookReceiver.Received r : webhook.received()) {
      JsonNode body = TestJson.MAPPER.readTree(r.body);
      if (body.path("accountId").asText().equals(C)) {
        aboutC.add(body);
      }
    }
    assertEquals(1, aboutC.size(), "one alert per window across instances");
    String next = aboutC.get(0).path("nextStep").asText();
    assertFalse(next.contains("\"restore\""), next);
    assertTrue(next.contains(FleetIT.MEMBER_ROLE) && next.contains("trust") && next.contains(C), next);
  }

  @Test
  void unreadableRecordsOfABatch_areReportedAsSkips() throws Exception {
    String good = new String(event(A, "ev-good"), StandardCharsets.UTF_8);
    byte[] batch = ("[" + good + ",{\"id\":\"ev-bad\",\"type\":\"x\",\"data\":{\"eventId\":\"ev-bad\",\"eventName\":7,"
        + "\"userIdentity\":\"oops\"}}]").getBytes(StandardCharsets.UTF_8);

    InvocationResult r = runtime(false, "").invoke(batch);

    JsonNode skipped = r.json().path("skipped");
    assertTrue(skipped.toString().contains("record cannot be read"), r.json().toString());
    assertEquals(1, r.json().path("accounts").size(), "the readable record is still handled");
  }

  @Test
  void hostileDisplayName_isBoundedInResultsAndAlerts() throws Exception {
    String hostile = "evil\u202E\n" + "x".repeat(5000);
    member(C, hostile, false);

    InvocationResult r = runtime(true, "").invoke(timer());

    JsonNode c = null;
    for (JsonNode a : r.json().path("accounts")) {
      if (a.path("accountId").asText().equals(C)) {
        c = a;
      }
    }
    assertTrue(c != null, r.json().toString());
    String name = c.path("accountName").asText();
    assertTrue(name.length() <= 80, "accountName of " + name.length() + " chars");
    assertFalse(name.contains("\n"), name);
    assertTrue(r.failure().length() < 2_000, "failure of " + r.failure().length() + " chars");
    webhook.received().forEach(w -> assertFalse(w.body.contains("x".repeat(200)), "alert carries the whole name"));
  }

  private int discoveryAlerts() {
    return (int) webhook.received().stream().filter(r -> r.body.contains("ListAccounts")).count();
  }

  private static List<String> scanned(InvocationResult r) {
    List<String> out = new ArrayList<>();
    r.json().path("accounts").forEach(a -> out.add(a.path("accountId").asText()));
    return out;
  }

  /** A member's event as it reaches the central bus (as FleetIT builds it). */
  private static byte[] event(String account, String id) throws Exception {
    ObjectNode e = (ObjectNode) TestJson.MAPPER.readTree(Files.readAllBytes(Path.of("events/eventbridge-detach-policy-custom.json")));
    e.put("id", id).put("aliyunoriginalaccountid", account).put("aliyunaccountid", CENTRAL);
    ((ObjectNode) e.path("data")).put("recipientAccountId", account).put("eventId", id);
    return TestJson.MAPPER.writeValueAsBytes(e);
  }

  private static byte[] timer() {
    return "{\"triggerTime\":\"2026-12-01T00:00:00Z\",\"triggerName\":\"scan\",\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8);
  }
}
