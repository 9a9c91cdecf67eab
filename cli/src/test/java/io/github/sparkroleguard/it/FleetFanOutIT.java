package io.github.sparkroleguard.it;

import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_POLICY;
import static io.github.sparkroleguard.emulator.SampleAccount.CUSTOM_ROLE;
import static io.github.sparkroleguard.it.FleetIT.A;
import static io.github.sparkroleguard.it.FleetIT.B;
import static io.github.sparkroleguard.it.FleetIT.C;
import static io.github.sparkroleguard.it.FleetIT.CENTRAL;
import static io.github.sparkroleguard.it.FleetIT.GUARD_ROLE;
import static io.github.sparkroleguard.it.FleetIT.KEY_ID;
import static io.github.sparkroleguard.it.FleetIT.MEMBER_ROLE;
import static io.github.sparkroleguard.it.FleetIT.SECRET;
import static io.github.sparkroleguard.it.FleetIT.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkroleguard.config.ConfigLoader;
import io.github.sparkroleguard.emulator.AccountState;
import io.github.sparkroleguard.emulator.AccountsEmulator;
import io.github.sparkroleguard.emulator.Caller;
import io.github.sparkroleguard.emulator.FunctionComputeEmulator;
import io.github.sparkroleguard.emulator.CloudEmulator;
import io.github.sparkroleguard.emulator.SampleAccount;
import io.github.sparkroleguard.guard.InvocationResult;
import io.github.sparkroleguard.handler.GuardRuntime;
import io.github.sparkroleguard.testing.FakeTime;
import io.github.sparkroleguard.local.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out of issue 25 end to end, through FleetIT's accounts: the timer's invocation signs
 * FC 3.0 asynchronous InvokeFunction calls to the emulator, which checks the signature, queues
 * one event per shard and runs the function for each, on two FC instances (runtimes) that share
 * one OSS store, with FC's delivery faults. Account C's member role does not trust the guard.
 */
class FleetFanOutIT {
  static final String FUNCTION = "spark-role-guard-central";
  static final String BUCKET = "guard-state";

  AccountsEmulator cloud;
  CloudEmulator centralEmulator;
  WebhookReceiver webhook;
  FunctionComputeEmulator fc;
  final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    cloud = new AccountsEmulator(Clock.systemUTC());
    AccountState central = new AccountState();
    central.accountId = CENTRAL;
    centralEmulator = cloud.addAccount(central, "security");
    centralEmulator.oss().createBucket(BUCKET);
    cloud.allow(CENTRAL, Caller.assumedRole(GUARD_ROLE, "fc", KEY_ID, SECRET, TOKEN), GUARD_ROLE);
    member(A, "analytics-prod", "acs:ram::" + CENTRAL + ":root");
    member(B, "analytics-dev", "acs:ram::" + CENTRAL + ":root");
    member(C, "sandbox", "acs:ram::3999999999999999:role/" + GUARD_ROLE);
    webhook = new WebhookReceiver();
    fc = cloud.functions();
    fc.retries(2);
  }

  @AfterEach
  void tearDown() {
    cloud.close();
    webhook.close();
  }

  private void member(String id, String name, String principal) throws Exception {
    AccountState s = SampleAccount.healthy(Clock.systemUTC());
    s.accountId = id;
    cloud.addAccount(s, name).ram().createRole(MEMBER_ROLE, "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":\"sts:AssumeRole\",\"Principal\":{\"RAM\":[\"" + principal + "\"]}}]}", "", 3600L);
  }

  /** One FC instance of the central guard: a fleet of these accounts, fanning out at {@code threshold}. */
  private GuardRuntime instance(int threshold, String... accounts) throws Exception {
    return instance(FUNCTION, threshold, accounts);
  }

  private GuardRuntime instance(String runningAs, int threshold, String... accounts) throws Exception {
    Path dir = Files.createTempDirectory("fan-out-it");
    Files.writeString(dir.resolve("custom.json"), SampleAccount.resource("/policies/custom-execution-role-oss-dlf.json"));
    StringBuilder list = new StringBuilder("accounts:\n");
    for (String a : accounts) {
      list.append("  - { id: \"").append(a).append("\" }\n");
    }
    Files.writeString(dir.resolve("guard.yaml"), "mode: restore\nattributionHours: 0\n"
        + "ram: { endpoint: \"" + cloud.endpoint() + "\" }\nactiontrail: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "resourcemanager: { endpoint: \"" + cloud.endpoint() + "\" }\n"
        + "state: { store: oss, endpoint: \"" + centralEmulator.endpoint() + "\", bucket: " + BUCKET
        + ", secret: \"${env:GUARD_STATE_SECRET}\" }\n"
        + "roles:\n  - name: " + CUSTOM_ROLE + "\n    policies:\n"
        + "      - { name: " + CUSTOM_POLICY + ", type: Custom, documentFile: custom.json }\n"
        + list
        + "fleet: { memberRole: " + MEMBER_ROLE + ", sts: { endpoint: \"" + cloud.endpoint() + "\" } }\n"
        + "fanOut: { threshold: " + threshold + ", functionName: " + FUNCTION + ", endpoint: \"" + cloud.endpoint()
        + "\", maxShardAccounts: 1 }\n"
        + "alerts:\n  - { type: webhook, url: \"${env:OPS_WEBHOOK_URL}\" }\n");
    Map<String, String> env = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", KEY_ID, "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
        "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN, "OPS_WEBHOOK_URL", webhook.url("/hook"), "FC_ACCOUNT_ID", CENTRAL,
        "FC_FUNCTION_NAME", runningAs, "GUARD_STATE_SECRET", "fan-out-state-key-0123456789abcdef");
    return GuardRuntime.build(ConfigLoader.load(dir.resolve("guard.yaml"), env::get), env::get, log::add,
        FakeTime.skippingOnTheRealClock().timing());
  }

  /** FC runs the function's events on two instances in turn; results are kept, in order. */
  private List<InvocationResult> deploy(GuardRuntime first, GuardRuntime second) {
    List<InvocationResult> results = new CopyOnWriteArrayList<>();
    AtomicInteger turn = new AtomicInteger();
    fc.register(CENTRAL, FUNCTION, payload -> {
      InvocationResult r = (turn.getAndIncrement() % 2 == 0 ? first : second).invoke(payload);
      results.add(r);
      return r.ok();
    });
    return results;
  }

  @Test
  void timer_ofALargeFleet_startsOneShardPerAccount_shardsRestore_andTheFailedShardEndsInTheFailureQueue() throws Exception {
    GuardRuntime timer = instance(3, A, B, C);
    List<InvocationResult> shards = deploy(timer, instance(3, A, B, C));
    ram(A).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    ram(B).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);

    InvocationResult r = timer.invoke(timerEvent());

    assertTrue(r.ok(), r.json().toString());
    assertEquals(3, r.json().path("fanOut").path("shards").asInt());
    assertEquals(3, r.json().path("fanOut").path("started").asInt(), "the timer's result says how many shards it started");
    assertEquals(3, fc.accepted().size());
    assertTrue(cloud.assumeRoleCalls().isEmpty(), "the timer's own invocation scans nothing");

    fc.drain();

    assertTrue(attached(A) && attached(B), "each shard restored its account");
    List<FunctionComputeEmulator.Attempt> ofC = attemptsFor(C);
    assertEquals(3, ofC.size(), "C's shard: the first attempt and FC's 2 retries");
    assertTrue(ofC.stream().noneMatch(a -> a.ok));
    assertEquals(1, fc.failureQueue().size());
    assertTrue(new String(fc.failureQueue().get(0).payload, StandardCharsets.UTF_8).contains(C));
    assertEquals(1, attemptsFor(A).size());
    // Alerted once across the 3 attempts on 2 instances: the account's alert turn is in the shared store.
    long alertsAboutC = webhook.received().stream().filter(x -> x.body.contains(C)).count();
    assertEquals(1, alertsAboutC, "alerts about C");
    assertTrue(shards.stream().anyMatch(s -> s.json().path("shard").path("accounts").asInt() == 1));
  }

  @Test
  void aRedeliveredShard_onAnotherInstance_findsItsClaim_andScansAndAlertsNothing() throws Exception {
    GuardRuntime timer = instance(2, A, B);
    List<InvocationResult> results = deploy(timer, instance(2, A, B));
    ram(A).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    fc.duplicateNext(1); // A's shard is delivered twice: once to each instance

    assertTrue(timer.invoke(timerEvent()).ok());
    fc.drain();

    assertTrue(attached(A));
    assertEquals(2, attemptsFor(A).size(), "delivered twice");
    assertTrue(attemptsFor(A).stream().allMatch(a -> a.ok), "the redelivery succeeds, so FC does not retry it");
    List<InvocationResult> ofA = results.stream().filter(x -> x.json().toString().contains(A)
        || x.json().path("shard").path("duplicate").asBoolean()).collect(Collectors.toList());
    assertTrue(ofA.stream().anyMatch(x -> x.json().path("shard").path("duplicate").asBoolean()), results.toString());
    assertEquals(1, cloud.assumeRoleCalls().stream().filter(arn -> arn.contains(A)).count(),
        "the second instance did not even assume A's role");
    assertEquals(1, webhook.received().stream().filter(x -> x.body.contains(A)).count(), "A's restore is alerted once");
  }

  @Test
  void aShardWhoseFirstAttemptFails_isRetriedByFc_andScansOnce() throws Exception {
    GuardRuntime timer = instance(2, A, B);
    deploy(timer, timer);
    ram(A).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    fc.failFirstAttemptOfNext(1);

    assertTrue(timer.invoke(timerEvent()).ok());
    fc.drain();

    assertEquals(List.of(false, true), attemptsFor(A).stream().map(a -> a.ok).collect(Collectors.toList()));
    assertTrue(attached(A));
    assertTrue(fc.failureQueue().isEmpty());
  }

  @Test
  void aDroppedShard_isCoveredByTheNextTimer() throws Exception {
    GuardRuntime timer = instance(2, A, B);
    deploy(timer, timer);
    ram(A).detachPolicyFromRole("Custom", CUSTOM_POLICY, CUSTOM_ROLE);
    fc.dropNext(1);

    assertTrue(timer.invoke(timerEvent()).ok());
    fc.drain();
    assertFalse(attached(A), "FC lost A's shard after accepting it");

    assertTrue(timer.invoke(timerEvent()).ok());
    fc.drain();
    assertTrue(attached(A), "the next timer's shard restores it");
  }

  @Test
  void aSmallFleet_belowTheThreshold_isScannedInTheTimersInvocation() throws Exception {
    GuardRuntime timer = instance(4, A, B, C);
    deploy(timer, timer);

    InvocationResult r = timer.invoke(timerEvent());

    assertTrue(fc.accepted().isEmpty(), "no fan-out");
    assertTrue(r.json().path("fanOut").isMissingNode());
    assertEquals(3, r.json().path("accounts").size());
  }

  @Test
  void aForgedShard_namingAnAccountTheGuardDoesNotProtect_isBadInput_andTouchesNothing() throws Exception {
    GuardRuntime timer = instance(2, A, B);

    InvocationResult r = timer.invoke(("{\"shard\":{\"id\":\"x/1-of-1\",\"accounts\":[\"" + A + "\",\"4000000000000004\"]}}")
        .getBytes(StandardCharsets.UTF_8));

    assertFalse(r.ok());
    assertEquals("BadInput", r.json().path("error").path("code").asText());
    assertTrue(r.failure().contains("4000000000000004"), r.failure());
    assertTrue(cloud.assumeRoleCalls().isEmpty());
  }

  /**
   * Anyone allowed to invoke the function could run, today, the shard a later timer will send
   * (its id is that timer's time): its claim, marked done, would make the timer's own shard a
   * duplicate, so drift made in between would go unscanned. A shard from the future is refused.
   */
  @Test
  void aShardFromTheFuture_isRefused_andCannotPreemptTheTimersOwnShard() throws Exception {
    GuardRuntime instance = instance(2, A, B);
    String future = java.time.Instant.now().plus(java.time.Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + "/1-of-2";
    byte[] shard = ("{\"shard\":{\"id\":\"" + future + "\",\"accounts\":[\"" + A + "\"]}}").getBytes(StandardCharsets.UTF_8);

    InvocationResult early = instance.invoke(shard);
    assertFalse(early.ok(), early.json().toString());
    assertEquals("BadInput", early.json().path("error").path("code").asText(), early.json().toString());
    assertTrue(cloud.assumeRoleCalls().isEmpty(), "a refused shard scans nothing");
  }

  @Test
  void doctor_failsWhenTheFunctionRunsUnderAnotherNameThanTheShardsAreSentTo() throws Exception {
    InvocationResult right = instance(2, A, B).invoke("{\"action\":\"doctor\"}".getBytes(StandardCharsets.UTF_8));
    InvocationResult wrong = instance("guard-renamed", 2, A, B).invoke("{\"action\":\"doctor\"}".getBytes(StandardCharsets.UTF_8));

    assertEquals("ok", right.json().path("fanOut").path("status").asText(), right.json().path("fanOut").toString());
    assertTrue(right.json().path("fanOut").path("fansOut").asBoolean());
    assertFalse(wrong.ok());
    assertEquals("fail", wrong.json().path("fanOut").path("status").asText());
    assertTrue(wrong.failure().contains("guard-renamed"), wrong.failure());
  }

  private List<FunctionComputeEmulator.Attempt> attemptsFor(String account) {
    return fc.attempts().stream().filter(a -> a.text().contains(account)).collect(Collectors.toList());
  }

  private io.github.sparkroleguard.emulator.EmulatedRam ram(String account) {
    return cloud.account(account).ram();
  }

  private boolean attached(String account) {
    return ram(account).listPoliciesForRole(CUSTOM_ROLE).stream().anyMatch(a -> a.policyName.equals(CUSTOM_POLICY));
  }

  private static byte[] timerEvent() {
    return "{\"triggerTime\":\"2026-12-01T00:00:00Z\",\"triggerName\":\"scan\",\"payload\":\"\"}".getBytes(StandardCharsets.UTF_8);
  }
}
