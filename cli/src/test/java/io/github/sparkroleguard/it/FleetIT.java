package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.EmulatedRam;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.local.WebhookReceiver;
import io.github.sparkroleguard.testing.TestJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A central guard and three member accounts behind one emulated endpoint, through the real SDK:
 * STS AssumeRole into each member's role, each account's own RAM and trail. Account C's member
 * role does not trust the guard, so it cannot be assumed.
 */
class FleetIT {
  static final String CENTRAL = "1111111111111111";
  static final String A = "2000000000000001";
  static final String B = "2000000000000002";
  static final String C = "2000000000000003";
  static final String GUARD_ROLE = "spark-role-guard-fc";
  static final String MEMBER_ROLE = "spark-role-guard-member";
  static final String KEY_ID = "STS.CentralGuardKey01";
  static final String SECRET = "central-guard-secret-42";
  static final String TOKEN = "central-guard-token-very-secret";
  static final String EXTERNAL_ID = "ext-analytics-prod-0001";

  AccountsEmulator cloud;
  WebhookReceiver webhook;
  GuardRuntime runtime;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    cloud = new AccountsEmulator(clock);
    AccountState central = new AccountState();
    central.accountId = CENTRAL;
    cloud.addAccount(central, "security");
    cloud.allow(CENTRAL, Caller.assumedRole(GUARD_ROLE, "fc", KEY_ID, SECRET, TOKEN), GUARD_ROLE);
    member(A, "analytics-prod", templateTrust()); // as deploy/many-accounts/member-roles.json makes it
    member(B, "analytics-dev", trust("acs:ram::" + CENTRAL + ":root"));
    member(C, "sandbox", trust("acs:ram::3999999999999999:role/" + GUARD_ROLE)); // trusts someone else
    webhook = new WebhookReceiver();
    runtime = runtime("accounts:\n"
        + "  - { id: \"" + A + "\", name: analytics-prod, externalId: " + EXTERNAL_ID + " }\n"
        + "  - { id: \"" + B + "\", name: analytics-dev }\n"
        + "  - { id: \"" + C + "\", name: sandbox }\n"
        + "fleet:\n"
        + "  memberRole: " + MEMBER_ROLE + "\n"
        + "  sts: { endpoint: \"" + cloud.endpoint() + "\" }\n");
  }

  private GuardRuntime runtime(String accounts) throws Exception {
    Path dir = Files.createTempDirectory("fleet-it");
    Files.writeString(dir.resolve("custom.json"), SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    Files.writeString(dir.resolve("guard.yaml"), "mode: restore\n"
        + "ram: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "actiontrail: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "resourcemanager: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "attributionHours: 0\n"
        + "roles:\n"
        + "  - name: " + CUSTOM_ROLE + "\n"
        + "    policies:\n"
        + "      - { name: " + CUSTOM_POLICY + ", type: Custom, documentFile: custom.json }\n"
        + accounts
        + "alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n");
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN, "OPS_WEBHOOK_URL", webhook.url("/hook"), "FC_ACCOUNT_ID", CENTRAL);
    return GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, log::add,
        FakeTime.skippingOnTheRealClock().timing());
  }

  private void member(String id, String name, String trust) throws Exception {
    AccountState s = SampleAccount.healthy(Clock.systemUTC());
    s.accountId = id;
    CloudEmulator e = cloud.addAccount(s, name);
    e.ram().createRole(MEMBER_ROLE, trust, "spark-role-guard's member role", 3600L);
  }

  private static String trust(String principal) {
    return "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
        + "\"Principal\":{\"RAM\":[\"" + principal + "\"]}}]}";
  }

  /** The member template's trust policy, its parameters filled in as a stack would. */
  private static String templateTrust() throws Exception {
    JsonNode t = TestJson.MAPPER.readTree(Files.readString(Path.of("deploy/many-accounts/member-roles.json")));
    String doc = TestJson.MAPPER.writeValueAsString(t.path("Resources").path("MemberRole").path("Properties")
        .path("AssumeRolePolicyDocument"));
    return doc.replace("{\"Fn::Sub\":\"acs:ram::${CentralAccountId}:role/${GuardRoleName}\"}",
        "\"acs:ram::" + CENTRAL + ":role/" + GUARD_ROLE + "\"").replace("{\"Ref\":\"ExternalId\"}", "\"" + EXTERNAL_ID + "\"");
  }

  @AfterEach
  void tearDown() {
    cloud.close();
    webhook.close();
  }

  @Test
  void event_inEachAccount_restoresThatAccountOnly() throws Exception {
    ram(A).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    ram(B).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    ram(B).deleteRole(CUSTOM_ROLE);

    InvocationResult ra = runtime.invoke(event("DetachPolicyFromRole", A, "ev-a"));
    InvocationResult rb = runtime.invoke(event("DeleteRole", B, "ev-b"));

    assertTrue(ra.ok(), ra.json().toString());
    assertTrue(rb.ok(), rb.json().toString());
    assertEquals(A, ra.json().path("accounts").get(0).path("accountId").asText());
    assertEquals("analytics-prod", ra.json().path("accounts").get(0).path("accountName").asText());
    assertEquals("restored", role(ra, A, CUSTOM_ROLE).path("status").asText());
    assertEquals("restored", role(rb, B, CUSTOM_ROLE).path("status").asText());
    assertTrue(attached(A), "A's policy is back");
    assertTrue(attached(B), "B's role is back with its policy");
    assertTrue(cloud.account(C).writes().isEmpty(), "no write reached an account the events did not name");
    assertEquals(List.of("acs:ram::" + A + ":role/" + MEMBER_ROLE, "acs:ram::" + B + ":role/" + MEMBER_ROLE),
        cloud.assumeRoleCalls());
    assertTrue(webhook.received().stream().anyMatch(r -> r.body.contains("\"accountId\":\"" + A + "\"")
        && r.body.contains("\"accountName\":\"analytics-prod\"")), "alerts name the account");
  }

  @Test
  void scan_ofAll_restoresReachableAccounts_andAlertsTheUnreachableOneOncePerWindow() throws Exception {
    ram(A).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    ram(B).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);

    InvocationResult first = runtime.invoke(timer());

    assertFalse(first.ok(), "account C could not be checked: the invocation fails so FC keeps it");
    assertTrue(first.failure().contains(C), first.failure());
    assertEquals(3, first.json().path("accounts").size());
    assertEquals("restored", role(first, A, CUSTOM_ROLE).path("status").asText());
    assertEquals("restored", role(first, B, CUSTOM_ROLE).path("status").asText());
    assertTrue(attached(A) && attached(B));
    JsonNode c = account(first, C);
    assertEquals("AccountUnreachable", c.path("error").path("code").asText());
    assertTrue(c.path("error").path("message").asText().contains("NoPermission"), c.toString());
    long alertsAboutC = webhook.received().stream().filter(r -> r.body.contains(C)).count();
    assertEquals(1, alertsAboutC);

    InvocationResult second = runtime.invoke(timer());

    assertFalse(second.ok());
    assertEquals(1, webhook.received().stream().filter(r -> r.body.contains(C)).count(),
        "the same account failure is not alerted again within the re-alert window");
    assertEquals(1, cloud.assumeRoleCalls().stream().filter(a -> a.contains(A)).count(), "A's session is reused");
  }

  @Test
  void event_fromAnAccountNotConfigured_isSkippedWithoutAssumingAnyRole() throws Exception {
    InvocationResult r = runtime.invoke(event("DetachPolicyFromRole", "4000000000000004", "ev-x"));

    assertTrue(r.ok(), r.json().toString());
    assertEquals(0, r.json().path("accounts").size());
    assertTrue(r.json().path("skipped").get(0).path("reason").asText().contains("not protected by this guard"));
    assertTrue(cloud.assumeRoleCalls().isEmpty());
  }

  @Test
  void check_withoutAccountId_isABadInput_withAccountId_runsInThatAccount() throws Exception {
    InvocationResult bad = runtime.invoke(bytes("{\"action\":\"check\",\"roleName\":\"" + CUSTOM_ROLE + "\"}"));
    InvocationResult good = runtime.invoke(bytes("{\"action\":\"check\",\"roleName\":\"" + CUSTOM_ROLE
        + "\",\"accountId\":\"" + B + "\"}"));

    assertFalse(bad.ok());
    assertTrue(bad.failure().contains("accountId: required"), bad.failure());
    assertTrue(good.ok(), good.json().toString());
    assertEquals("in_sync", role(good, B, CUSTOM_ROLE).path("status").asText());
  }

  @Test
  void scan_withDiscovery_coversEveryMemberTheDirectoryLists_butExcludedOnes() throws Exception {
    GuardRuntime discovering = runtime("accounts:\n  - { id: \"" + A + "\", name: analytics-prod }\n"
        + "fleet:\n  discover: true\n  exclude: [\"" + CENTRAL + "\"]\n  memberRole: " + MEMBER_ROLE + "\n"
        + "  sts: { endpoint: \"" + cloud.endpoint() + "\" }\n");
    ram(B).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);

    InvocationResult r = discovering.invoke(timer());

    List<String> scanned = new java.util.ArrayList<>();
    r.json().path("accounts").forEach(a -> scanned.add(a.path("accountId").asText() + "=" + a.path("accountName").asText()));
    assertEquals(List.of(A + "=analytics-prod", B + "=analytics-dev", C + "=sandbox"), scanned);
    assertEquals("restored", role(r, B, CUSTOM_ROLE).path("status").asText(), "a discovered account is guarded too");
    assertTrue(attached(B));
  }

  /**
   * The management account is in ListAccounts' answer but cannot be assumed into like a member
   * (no member role there, and it is not a member's account): discovery leaves it out by default,
   * told by GetResourceDirectory's MasterAccountId. Listing it in accounts: brings it back.
   */
  @Test
  void scan_withDiscovery_leavesOutTheManagementAccount_unlessListed() throws Exception {
    GuardRuntime discovering = runtime("fleet:\n  discover: true\n  memberRole: " + MEMBER_ROLE + "\n"
        + "  sts: { endpoint: \"" + cloud.endpoint() + "\" }\n");

    InvocationResult r = discovering.invoke(timer());

    List<String> scanned = new java.util.ArrayList<>();
    r.json().path("accounts").forEach(a -> scanned.add(a.path("accountId").asText()));
    assertEquals(List.of(A, B, C), scanned, "the management account " + CENTRAL + " is not a member to assume into");
    assertFalse(cloud.assumeRoleCalls().stream().anyMatch(arn -> arn.contains(CENTRAL)), cloud.assumeRoleCalls().toString());

    GuardRuntime listed = runtime("accounts:\n  - { id: \"" + CENTRAL + "\", name: security }\n"
        + "fleet:\n  discover: true\n  memberRole: " + MEMBER_ROLE + "\n  sts: { endpoint: \"" + cloud.endpoint() + "\" }\n");
    List<String> withListed = new java.util.ArrayList<>();
    listed.invoke(timer()).json().path("accounts").forEach(a -> withListed.add(a.path("accountId").asText()));
    assertTrue(withListed.contains(CENTRAL), "an account the configuration lists is protected: " + withListed);
  }

  @Test
  void assumeRole_withoutTheExternalIdTheTemplateAsksFor_isRefused() throws Exception {
    GuardRuntime noExternalId = runtime("accounts:\n  - { id: \"" + A + "\", name: analytics-prod }\n"
        + "fleet:\n  memberRole: " + MEMBER_ROLE + "\n  sts: { endpoint: \"" + cloud.endpoint() + "\" }\n");

    InvocationResult r = noExternalId.invoke(timer());

    assertFalse(r.ok());
    assertTrue(account(r, A).path("error").path("message").asText().contains("NoPermission"), r.json().toString());
    assertTrue(cloud.account(A).writes().isEmpty());
  }

  @Test
  void doctor_runsInEveryAccount_andAnUnreachableOneFails() throws Exception {
    InvocationResult r = runtime.invoke(bytes("{\"action\":\"doctor\"}"));

    assertFalse(r.ok(), "account C's role cannot be assumed");
    assertEquals(3, r.json().path("accounts").size());
    assertTrue(account(r, A).path("checks").size() > 0, "A has its own doctor findings: " + account(r, A));
    assertTrue(account(r, B).path("checks").size() > 0);
    assertEquals("AccountUnreachable", account(r, C).path("error").path("code").asText());
  }

  private EmulatedRam ram(String account) {
    return cloud.account(account).ram();
  }

  private boolean attached(String account) {
    return ram(account).listPoliciesForRole(CUSTOM_ROLE).stream().anyMatch(a -> a.policyName.equals(CUSTOM_POLICY));
  }

  private static JsonNode account(InvocationResult r, String id) {
    for (JsonNode a : r.json().path("accounts")) {
      if (a.path("accountId").asText().equals(id)) {
        return a;
      }
    }
    throw new AssertionError("no result for account " + id + " in " + r.json());
  }

  private static JsonNode role(InvocationResult r, String accountId, String roleName) {
    for (JsonNode role : account(r, accountId).path("roles")) {
      if (role.path("roleName").asText().equals(roleName)) {
        return role;
      }
    }
    throw new AssertionError("no role " + roleName + " in account " + accountId + ": " + r.json());
  }

  /** A member's event as it reaches the central bus: routed, with the member's account id. */
  private static byte[] event(String name, String account, String id) throws Exception {
    ObjectNode e = (ObjectNode) TestJson.MAPPER.readTree(Files.readAllBytes(Path.of("events/eventbridge-detach-policy-custom.json")));
    e.put("id", id).put("aliyunoriginalaccountid", account).put("aliyunaccountid", CENTRAL)
        .put("aliyuneventbusname", "spark-role-guard");
    ObjectNode data = (ObjectNode) e.path("data");
    data.put("eventName", name).put("recipientAccountId", account).put("eventId", id);
    return TestJson.MAPPER.writeValueAsBytes(e);
  }

  private static byte[] timer() {
    return bytes("{\"triggerTime\":\"2026-12-01T00:00:00Z\",\"triggerName\":\"scan\",\"payload\":\"\"}");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
